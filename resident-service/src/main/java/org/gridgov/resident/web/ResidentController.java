package org.gridgov.resident.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.gridgov.resident.CareLevel;
import org.gridgov.resident.RegisterResidentCommand;
import org.gridgov.resident.ResidentSearch;
import org.gridgov.resident.ResidentService;
import org.gridgov.resident.ResidentView;
import org.gridgov.resident.RevealedValue;
import org.gridgov.resident.TagView;
import org.gridgov.shared.PageResult;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Residents: register, find, move, tag, care level, and the audited reveal of personal data. */
@RestController
@Tag(name = "Residents", description = "Residents with encrypted, masked personal data; tags; care levels")
class ResidentController {

    private final ResidentService residents;

    ResidentController(ResidentService residents) {
        this.residents = residents;
    }

    record ResidentRegistrationRequest(@Size(max = 50) @Schema(example = "张秀英") String name,
            @Schema(example = "FEMALE", description = "MALE or FEMALE; for a resident ID it must match the number")
            String gender,
            @Schema(example = "1942-11-08") LocalDate birthDate,
            @Schema(example = "RESIDENT_ID", description = "RESIDENT_ID (default), PASSPORT, HK_MACAO_PERMIT, "
                    + "TAIWAN_PERMIT, …") String idType,
            @Size(max = 40) @Schema(example = "510104194211080020", description = "An 18-digit resident ID is "
                    + "checked (birth date and check digit); stored encrypted, shown masked") String idNumber,
            @Size(max = 20) @Schema(example = "13812345678") String phone,
            @Size(max = 20) @Schema(example = "汉族") String ethnicity,
            @Schema(example = "REGISTERED", description = "REGISTERED (户籍) or FLOATING (流动)") String populationType,
            @Schema(example = "false") Boolean partyMember, @Schema(example = "false") Boolean volunteer,
            @Size(max = 2000) @Schema(example = "高血压，行动不便") String healthNote,
            @Size(max = 20) @Schema(example = "[\"ELDERLY_ALONE\"]") List<String> tags,
            @Schema(example = "1201") Long dwellingId,
            @Schema(example = "HEAD", description = "HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, …") String relationToHead,
            @Schema(example = "2010-05-01") LocalDate movedIn,
            @Schema(example = "1201", description = "Where the person is registered (户籍) when it differs from "
                    + "where they live (人户分离)") Long registeredDwellingId) {
    }

    record ResidenceRequest(@Schema(example = "1202") Long dwellingId,
            @Schema(example = "LIVING", description = "LIVING or REGISTERED") String kind,
            @Schema(example = "HEAD") String relationToHead, @Schema(example = "2026-11-20") LocalDate movedIn) {
    }

    record TagsRequest(@Size(max = 20) @Schema(example = "[\"ELDERLY_ALONE\", \"LOW_INCOME\"]") List<String> tags) {
    }

    record CareLevelRequest(@Schema(example = "RED") CareLevel level,
            @Size(max = 500) @Schema(example = "独居，近期跌倒一次") String reason) {
    }

    record RevealRequest(@Schema(example = "ID_NUMBER", description = "ID_NUMBER, PHONE or HEALTH_NOTE") String field,
            @Size(max = 500) @Schema(example = "核对低保申请材料") String reason) {
    }

    record TagRequest(@Schema(example = "EMPTY_NEST") String code, @Size(max = 100) @Schema(example = "空巢老人") String name,
            @Schema(example = "true") Boolean specialGroup) {
    }

    @PostMapping("/api/v1/residents")
    @Operation(summary = "Register a resident", description = "Living in dwellingId (in my scope). A resident ID "
            + "number is checked (GB 11643 check digit, real birth date) and must agree with birthDate/gender (which "
            + "may be left out). The same ID number twice → 409 resident.duplicate. ID number, phone and health note "
            + "are stored encrypted; answers show them masked.")
    ResponseEntity<ResidentView> register(@Valid @RequestBody ResidentRegistrationRequest r) {
        ResidentView created = residents.register(new RegisterResidentCommand(r.name(), r.gender(), r.birthDate(),
                r.idType(), r.idNumber(), r.phone(), r.ethnicity(), r.populationType(), r.partyMember(),
                r.volunteer(), r.healthNote(), r.tags(), r.dwellingId(), r.relationToHead(), r.movedIn(),
                r.registeredDwellingId()));
        return ResponseEntity.created(URI.create("/api/v1/residents/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/residents")
    @Operation(summary = "Find residents", description = "Among those I may see: by name prefix, exact ID number or "
            + "exact phone (matched by keyed hash, never by decrypting), tag, care level, specialGroups, under a grid. "
            + "totalElements counts at most 10,000.")
    PageResult<ResidentView> search(@RequestParam(required = false) @Size(max = 50) String name,
            @RequestParam(required = false) @Size(max = 40) String idNumber,
            @RequestParam(required = false) @Size(max = 20) String phone,
            @RequestParam(required = false) Long nodeId, @RequestParam(required = false) String tag,
            @RequestParam(required = false) CareLevel careLevel,
            @RequestParam(defaultValue = "false") boolean specialGroups,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return residents.search(new ResidentSearch(name, idNumber, phone, nodeId, tag, careLevel, specialGroups), page,
                size);
    }

    @GetMapping("/api/v1/residents/{id}")
    @Operation(summary = "A resident", description = "Masked personal data, tags, care level and the dated residences "
            + "(LIVING and REGISTERED: 人户分离 shows as two different dwellings).")
    ResidentView get(@PathVariable long id) {
        return residents.get(id);
    }

    @PostMapping("/api/v1/residents/{id}/residences")
    @Operation(summary = "Move a resident", description = "Ends the current LIVING (or REGISTERED) residence the day "
            + "the new one starts; the history stays.")
    ResidentView move(@PathVariable long id, @Valid @RequestBody ResidenceRequest request) {
        return residents.move(id, request.dwellingId(), request.kind(), request.relationToHead(), request.movedIn());
    }

    @PutMapping("/api/v1/residents/{id}/tags")
    @Operation(summary = "Set a resident's tags", description = "Special groups and other tags, by code (see "
            + "/api/v1/resident-tags).")
    ResidentView setTags(@PathVariable long id, @Valid @RequestBody TagsRequest request) {
        return residents.setTags(id, request.tags());
    }

    @PutMapping("/api/v1/residents/{id}/care-level")
    @Operation(summary = "Set the care level (三色服务)", description = "RED, YELLOW or GREEN (null ends care) with a "
            + "reason; the level sets the visit interval.")
    ResidentView setCareLevel(@PathVariable long id, @Valid @RequestBody CareLevelRequest request) {
        return residents.setCareLevel(id, request.level(), request.reason());
    }

    @PostMapping("/api/v1/residents/{id}/reveal")
    @Operation(summary = "Reveal a full value", description = "field ID_NUMBER, PHONE or HEALTH_NOTE, with a reason. "
            + "Managers may reveal every field, grid workers the phone. Every reveal is in the audit log "
            + "(PERSONAL_DATA_REVEALED).")
    RevealedValue reveal(@PathVariable long id, @Valid @RequestBody RevealRequest request) {
        return residents.reveal(id, request.field(), request.reason());
    }

    @GetMapping("/api/v1/resident-tags")
    @Operation(summary = "Resident tags", description = "The special groups and other tags, as data.")
    List<TagView> tags() {
        return residents.tags();
    }

    @PutMapping("/api/v1/resident-tags")
    @Operation(summary = "Define or rename a tag", description = "A new special group is data, not a code change.")
    TagView defineTag(@Valid @RequestBody TagRequest request) {
        return residents.defineTag(request.code(), request.name(), !Boolean.FALSE.equals(request.specialGroup()));
    }
}
