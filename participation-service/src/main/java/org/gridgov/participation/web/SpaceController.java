package org.gridgov.participation.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gridgov.participation.ChangeSpaceCommand;
import org.gridgov.participation.CreateSpaceCommand;
import org.gridgov.participation.DayAvailability;
import org.gridgov.participation.OpeningHours;
import org.gridgov.participation.SpaceService;
import org.gridgov.participation.SpaceView;
import org.gridgov.shared.PageResult;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Community public spaces (社区公共活动空间): their opening hours and each day's free slots. */
@RestController
@RequestMapping("/api/v1/participation/spaces")
@Tag(name = "Participation: spaces", description = "社区公共活动空间: spaces, opening hours, availability")
class SpaceController {

    private final SpaceService spaces;

    SpaceController(SpaceService spaces) {
        this.spaces = spaces;
    }

    record CreateSpaceRequest(@NotNull @Schema(example = "140") Long gridId,
            @Size(max = 100) @Schema(example = "三义桥社区 邻里活动室") String name,
            @NotNull @Schema(example = "30") Integer capacity,
            @Size(max = 2000) @Schema(example = "活动结束后请恢复桌椅；22:00 后保持安静") String rules,
            @Schema(description = "Bookings wait for the staff's approval (default false)") Boolean approvalRequired,
            @Schema(description = "RESIDENTS (default) or STAFF", example = "RESIDENTS") String bookableBy,
            @Schema(description = "15, 30 (default) or 60", example = "30") Integer slotMinutes,
            @Schema(description = "Longest booking, default 240", example = "180") Integer maxMinutes,
            @Schema(description = "Closed on the work calendar's public holidays (default true)")
            Boolean closedOnHolidays, List<@Valid OpeningHours> hours) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a space", description = "Managers, on a grid inside their scope. Opening hours by ISO "
            + "weekday (1 = Monday), China time, intervals of one weekday never overlapping. Idempotency-Key: a retry "
            + "creates one space.")
    SpaceView create(@Valid @RequestBody CreateSpaceRequest request) {
        return spaces.create(new CreateSpaceCommand(request.gridId(), request.name(), request.capacity(),
                request.rules(), request.approvalRequired(), request.bookableBy(), request.slotMinutes(),
                request.maxMinutes(), request.closedOnHolidays(), request.hours()));
    }

    record ChangeSpaceRequest(@Size(max = 100) @Schema(example = "三义桥社区 邻里活动室") String name,
            @NotNull @Schema(example = "40") Integer capacity,
            @Size(max = 2000) @Schema(example = "活动结束后请恢复桌椅；22:00 后保持安静") String rules,
            @Schema(description = "Bookings wait for the staff's approval (default false)") Boolean approvalRequired,
            @Schema(description = "RESIDENTS (default) or STAFF", example = "RESIDENTS") String bookableBy,
            @Schema(description = "15, 30 (default) or 60", example = "30") Integer slotMinutes,
            @Schema(description = "Longest booking, default 240", example = "180") Integer maxMinutes,
            @Schema(description = "Closed on the work calendar's public holidays (default true)")
            Boolean closedOnHolidays,
            @Schema(description = "false: takes no new bookings (default true)") Boolean active,
            List<@Valid OpeningHours> hours) {
    }

    @PutMapping("/{id}")
    @Operation(operationId = "changeSpace", summary = "Change a space", description = "Managers whose scope covers "
            + "its grid: every setting of the creation but the grid, and whether it takes bookings. The opening hours "
            + "given replace the old ones. Bookings already held keep their slots; new ones follow the new rules.")
    SpaceView change(@PathVariable long id, @Valid @RequestBody ChangeSpaceRequest request) {
        return spaces.change(id, new ChangeSpaceCommand(request.name(), request.capacity(), request.rules(),
                request.approvalRequired(), request.bookableBy(), request.slotMinutes(), request.maxMinutes(),
                request.closedOnHolidays(), request.active(), request.hours()));
    }

    @GetMapping
    @Operation(summary = "List spaces", description = "Staff: the spaces inside their part of the tree. Residents: "
            + "every active space residents may book. `gridId` narrows to one grid's subtree.")
    PageResult<SpaceView> list(@RequestParam(required = false) Long gridId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return spaces.list(gridId, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One space", description = "Staff see the spaces in or above their part of the tree; "
            + "everyone the active spaces residents may book.")
    SpaceView get(@PathVariable long id) {
        return spaces.get(id);
    }

    @GetMapping("/{id}/availability")
    @Operation(summary = "A day of a space", description = "Open or why not (CLOSED that weekday, HOLIDAY on the work "
            + "calendar), the opening hours, the periods taken (never by whom) and the free slots from now on.")
    DayAvailability availability(@PathVariable long id,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Schema(example = "2026-12-12") LocalDate date) {
        return spaces.availability(id, date);
    }
}
