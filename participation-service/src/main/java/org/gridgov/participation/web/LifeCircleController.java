package org.gridgov.participation.web;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.gridgov.participation.CoverageReport;
import org.gridgov.participation.FacilityCommand;
import org.gridgov.participation.FacilityImportResult;
import org.gridgov.participation.FacilityService;
import org.gridgov.participation.FacilityView;
import org.gridgov.participation.LifeCircleService;
import org.gridgov.participation.NearestFacilities;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.table.TableFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The 15-minute community life circle (15分钟社区生活圈): its facilities of eight kinds at two levels, the nearest of
 * each kind to any point, and a community's coverage report.
 */
@RestController
@Tag(name = "Participation: 15-minute life circle", description = "15分钟社区生活圈: facilities of 8 kinds at two "
        + "levels, nearest facilities with walking time, coverage of a community's dwellings")
class LifeCircleController {

    private static final String FACILITIES = "/api/v1/participation/facilities";
    private static final String LIFE_CIRCLE = "/api/v1/participation/life-circle";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String KINDS = "COMMUNITY_ADMIN 社区管理, LIFELONG_EDUCATION 终身教育, HEALTH_ELDERLY 医疗养老, "
            + "CULTURE 文化活动, SPORTS 体育健身, COMMERCE 商业服务, TRANSPORT_UTILITIES 交通市政, GREEN_LEISURE 绿化休闲";
    private static final String FILE_PART = "The facilities: .geojson (a FeatureCollection of Points), .csv (UTF-8 "
            + "with or without BOM, or GBK/GB18030) or .xlsx (first sheet) with the template's columns";

    private final FacilityService facilities;
    private final LifeCircleService lifeCircle;

    LifeCircleController(FacilityService facilities, LifeCircleService lifeCircle) {
        this.facilities = facilities;
        this.lifeCircle = lifeCircle;
    }

    record FacilityRequest(@Schema(example = "140", description = "The grid (usually the community) it belongs to")
            Long gridId,
            @Schema(example = "HEALTH_ELDERLY", description = KINDS + " (enum name or Chinese name)") String kind,
            @Schema(example = "FIFTEEN_MINUTES", description = "FIFTEEN_MINUTES (15分钟, default) or "
                    + "FIVE_TO_TEN_MINUTES (5-10分钟)") String level,
            @Size(max = 100) @Schema(example = "三义桥社区卫生服务站") String name,
            @Size(max = 200) @Schema(example = "三义桥街8号") String address,
            @Schema(example = "30.6598") Double lat, @Schema(example = "103.9822") Double lng,
            @Schema(description = "WGS84 (default), GCJ02 or BD09; stored as WGS84", example = "WGS84")
            String coordSystem) {

        FacilityCommand command() {
            return new FacilityCommand(gridId, kind, level, name, address, lat, lng, coordSystem);
        }
    }

    @PostMapping(FACILITIES)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createFacility", summary = "Create a facility", description = "Managers, on a grid inside their scope. 409 when the grid "
            + "has a facility of that kind with that name.")
    FacilityView create(@Valid @RequestBody FacilityRequest request) {
        return facilities.create(request.command());
    }

    @GetMapping(FACILITIES)
    @Operation(operationId = "listFacilities", summary = "List facilities", description = "Grid staff: the facilities inside their part of the tree, "
            + "of one grid's subtree, kind and level when given.")
    PageResult<FacilityView> list(@RequestParam(required = false) Long gridId,
            @RequestParam(required = false) @Schema(example = "HEALTH_ELDERLY") String kind,
            @RequestParam(required = false) @Schema(example = "FIFTEEN_MINUTES") String level,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return facilities.list(gridId, kind, level, page, size);
    }

    @GetMapping(FACILITIES + "/{id}")
    @Operation(operationId = "getFacility", summary = "One facility", description = "Grid staff in or above its grid.")
    FacilityView get(@PathVariable long id) {
        return facilities.get(id);
    }

    @PutMapping(FACILITIES + "/{id}")
    @Operation(operationId = "updateFacility", summary = "Change a facility", description = "Managers of its grid; every field as in create (gridId "
            + "may be left out to keep it).")
    FacilityView update(@PathVariable long id, @Valid @RequestBody FacilityRequest request) {
        return facilities.update(id, request.command());
    }

    @DeleteMapping(FACILITIES + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteFacility", summary = "Remove a facility", description = "Managers of its grid.")
    void delete(@PathVariable long id) {
        facilities.delete(id);
    }

    @PostMapping(path = FACILITIES + "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "importFacilities", summary = "Import facilities", description = "Multipart `file`: .geojson (FeatureCollection of Point "
            + "features, properties as the columns), .csv (UTF-8 with or without BOM, or GBK/GB18030 as Excel saves "
            + "\"CSV\" on Chinese Windows; detected, or named by `charset`) or .xlsx (first sheet). Columns by English "
            + "key or Chinese heading, any order: name 名称, kind 类别, level 等级, address 地址, lat 纬度, lng 经度, "
            + "gridCode 网格代码, coordSystem 坐标系. Rows without 网格代码 go onto `gridId`, rows without 类别 take "
            + "`kind`. All or nothing: any problem writes nothing and is a 422 listing every problem by row (as Excel "
            + "numbers it, header = row 1) and field, e.g. `rows[3].lat`. A facility of the same grid, kind and name "
            + "is updated.")
    FacilityImportResult importFile(
            @Parameter(description = FILE_PART, schema = @Schema(type = "string", format = "binary",
                    description = FILE_PART)) @RequestPart("file") MultipartFile file,
            @Parameter(description = "The grid of rows without 网格代码") @RequestParam(required = false) Long gridId,
            @Parameter(description = "The kind of rows without 类别 (a per-kind template's file)")
            @RequestParam(required = false) String kind,
            @Parameter(description = "The CSV's character set: UTF-8 or GBK/GB18030; default: detected",
                    example = "GBK") @RequestParam(required = false) String charset) throws IOException {
        if (file.isEmpty()) {
            throw DomainException.invalidField("participation.facility.import.empty", "file", "The file is empty");
        }
        return facilities.importFile(file.getOriginalFilename(), file.getBytes(), charset, gridId, kind);
    }

    @GetMapping(path = FACILITIES + "/template", produces = { "text/csv", XLSX })
    @Operation(operationId = "facilityTemplate", summary = "The import template of one kind", description = "The Chinese headings and an example row of "
            + "the kind; csv (UTF-8 with BOM, default) or xlsx.")
    ResponseEntity<StreamingResponseBody> template(
            @RequestParam @Schema(example = "HEALTH_ELDERLY", description = KINDS) String kind,
            @RequestParam(defaultValue = "csv") String format) {
        TableFormat table = TableFormat.of(format, "participation.facility.template.format");
        facilities.writeTemplate(kind, "csv", java.io.OutputStream.nullOutputStream()); // refuse a bad kind before streaming
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"facilities-" + kind.strip().toLowerCase(
                    java.util.Locale.ROOT) + "." + table.extension() + "\"")
            .contentType(MediaType.parseMediaType(table.mediaType()))
            .body(out -> facilities.writeTemplate(kind, format, out));
    }

    @GetMapping(LIFE_CIRCLE + "/nearest")
    @Operation(operationId = "nearestFacilities", summary = "Nearest facilities of each kind", description = "For any point: the nearest facilities of "
            + "each of the eight kinds within `withinMinutes` (default 15), nearest first, with straight-line metres "
            + "and estimated walking minutes. The answer names the method: straight-line (haversine) distance × the "
            + "detour factor (1.3) at the walking speed (1.2 m/s, 4.3 km/h) — an estimate, not a street-network route.")
    NearestFacilities nearest(@RequestParam(required = false) @Schema(example = "30.6598") Double lat,
            @RequestParam(required = false) @Schema(example = "103.9822") Double lng,
            @RequestParam(required = false) @Schema(example = "WGS84") String coordSystem,
            @RequestParam(required = false) @Schema(example = "15") Integer withinMinutes,
            @RequestParam(required = false) @Schema(example = "3") Integer perKind,
            @RequestParam(required = false) String level) {
        return lifeCircle.nearest(lat, lng, coordSystem, withinMinutes, perKind, level);
    }

    @GetMapping(LIFE_CIRCLE + "/coverage")
    @Operation(operationId = "lifeCircleCoverage", summary = "A community's coverage report", description = "Grid staff, a grid inside their scope: per "
            + "kind, how many of its located dwellings lie beyond 5, 10 and 15 walking minutes of the nearest facility "
            + "(counts and percentages), and the gap dwellings beyond `thresholdMinutes` (5, 10 or 15; of `kind` when "
            + "given), their room masked. Facilities of neighbouring communities count. Dwellings lie where their "
            + "building (else compound) was located; those not located are counted apart.")
    CoverageReport coverage(@RequestParam(required = false) @Schema(example = "140") Long gridId,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) @Schema(example = "15") Integer thresholdMinutes,
            @RequestParam(required = false) String kind) {
        return lifeCircle.coverage(gridId, level, thresholdMinutes, kind);
    }

    @GetMapping(path = LIFE_CIRCLE + "/coverage/export", produces = { "text/csv", XLSX })
    @Operation(operationId = "exportLifeCircleGaps", summary = "Export a community's gap dwellings", description = "The report's gap dwellings as CSV (UTF-8 "
            + "with BOM) or .xlsx: masked address, location, the kinds beyond the threshold and the walking minutes to "
            + "the nearest facility of each kind (>15 when none is within 15).")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) Long gridId,
            @RequestParam(required = false) String level, @RequestParam(required = false) Integer thresholdMinutes,
            @RequestParam(required = false) String kind, @RequestParam(defaultValue = "csv") String format,
            HttpServletRequest request) {
        TableFormat table = TableFormat.of(format, "participation.life-circle.format");
        CoverageReport report = lifeCircle.coverage(gridId, level, thresholdMinutes, kind);
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"life-circle-" + report.gridId() + "-gaps."
                    + table.extension() + "\"")
            .contentType(MediaType.parseMediaType(table.mediaType()))
            .body(out -> lifeCircle.writeGaps(report, format, out));
    }
}
