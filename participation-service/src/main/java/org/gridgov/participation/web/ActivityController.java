package org.gridgov.participation.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gridgov.participation.ActivityService;
import org.gridgov.participation.ActivityView;
import org.gridgov.participation.CheckInCode;
import org.gridgov.participation.CreateActivityCommand;
import org.gridgov.participation.SignupView;
import org.gridgov.shared.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Activities (活动): sign-up with a waiting list, QR check-in, volunteers' hours, the report afterwards. */
@RestController
@RequestMapping("/api/v1/participation/activities")
@Tag(name = "Participation: activities", description = "活动: sign-up, waiting list, QR check-in, volunteer hours")
class ActivityController {

    private final ActivityService activities;

    ActivityController(ActivityService activities) {
        this.activities = activities;
    }

    record CreateActivityRequest(@NotNull @Schema(example = "140") Long gridId,
            @Size(max = 200) @Schema(example = "邻里月台读书会") String title,
            @Size(max = 4000) String description,
            @Schema(description = "COMMUNITY (default), PARTNER or GROUP", example = "GROUP") String organiserKind,
            @Size(max = 100) @Schema(example = "三义桥读书会") String organiserName,
            @NotNull @Schema(example = "2026-12-12T06:00:00Z") Instant startsAt,
            @NotNull @Schema(example = "2026-12-12T08:00:00Z") Instant endsAt,
            @Size(max = 200) @Schema(example = "邻里活动室") String place,
            @Schema(description = "A confirmed booking covering the period; its space becomes the place")
            Long bookingId, @NotNull @Schema(example = "30") Integer capacity) {
    }

    record SignUpRequest(@Schema(description = "PARTICIPANT (default) or VOLUNTEER", example = "VOLUNTEER") String role) {
    }

    record CheckInRequest(@Size(max = 200) @Schema(description = "The code read from the QR code at the door",
            example = "42.Jx3kR9aPq1LmZt0c.1765000000.q8yV2mXcTn0bE5rWfK7sLd3aHu9pJ1iQ6oG4zYvB2Nw")
            String code) {
    }

    record HoursRequest(@NotNull @Schema(example = "12") Long signupId,
            @NotNull @Schema(example = "2.5") BigDecimal hours) {
    }

    record ActivityReportRequest(@Size(max = 4000) @Schema(example = "到场 26 人，志愿者 3 人；下次改在周六上午") String report) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an activity", description = "Managers, on a grid inside their scope. Idempotency-Key: "
            + "a retry creates one activity.")
    ActivityView create(@Valid @RequestBody CreateActivityRequest request) {
        return activities.create(new CreateActivityCommand(request.gridId(), request.title(), request.description(),
                request.organiserKind(), request.organiserName(), request.startsAt(), request.endsAt(),
                request.place(), request.bookingId(), request.capacity()));
    }

    @GetMapping
    @Operation(summary = "List activities", description = "Staff: those in their scope. Residents: the open ones "
            + "that have not ended.")
    PageResult<ActivityView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return activities.list(page, size);
    }

    @GetMapping("/mine")
    @Operation(summary = "My sign-ups", description = "Mine, as participant or volunteer, signed up, waiting or "
            + "cancelled, with my check-in; the latest activities first.")
    PageResult<SignupView> mine(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return activities.mine(page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One activity", description = "Staff whose scope covers it, everyone while it is open; "
            + "with the counts signed up, waiting, volunteers and checked in.")
    ActivityView get(@PathVariable long id) {
        return activities.get(id);
    }

    @PostMapping("/{id}/signups")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Sign up", description = "A participant takes a place while there is one, else joins the "
            + "waiting list (state WAITING); a volunteer is not counted. The capacity holds under concurrency. 409 "
            + "participation.signup.exists when already signed up.")
    SignupView signUp(@PathVariable long id, @Valid @RequestBody(required = false) SignUpRequest request) {
        return activities.signUp(id, request == null ? null : request.role());
    }

    @PostMapping("/{id}/signups/cancel")
    @Operation(summary = "Give my place back", description = "The first waiting participant moves up.")
    SignupView cancel(@PathVariable long id) {
        return activities.cancelSignUp(id);
    }

    @GetMapping("/{id}/signups")
    @Operation(summary = "The sign-ups of an activity", description = "Grid staff of the activity's grid.")
    List<SignupView> signups(@PathVariable long id) {
        return activities.signups(id);
    }

    @PostMapping("/{id}/check-in-codes")
    @Operation(summary = "A fresh check-in code for the door", description = "Signed (HMAC-SHA256 with the "
            + "activity's key), valid for 2 minutes, accepted once: the door screen shows a new one after each use.")
    CheckInCode code(@PathVariable long id) {
        return activities.issueCode(id);
    }

    @PostMapping("/{id}/check-in")
    @Operation(summary = "Check in with the code at the door", description = "From an hour before the start to the "
            + "end, once per person; 409 participation.checkin.code-used for a code used already, "
            + "participation.checkin.already for a second check-in.")
    SignupView checkIn(@PathVariable long id, @Valid @RequestBody CheckInRequest request) {
        return activities.checkIn(id, request.code());
    }

    @PostMapping("/{id}/volunteer-hours")
    @Operation(summary = "Confirm a volunteer's hours", description = "Managers; a volunteer who checked in, once. "
            + "The points module turns them into Happiness Card points (VOLUNTEER_HOURS).")
    SignupView hours(@PathVariable long id, @Valid @RequestBody HoursRequest request) {
        return activities.confirmVolunteerHours(id, request.signupId(), request.hours());
    }

    @PostMapping("/{id}/report")
    @Operation(operationId = "reportActivity", summary = "The report afterwards", description = "Managers of the activity's grid: what happened, "
            + "how many came.")
    ActivityView report(@PathVariable long id, @Valid @RequestBody ActivityReportRequest request) {
        return activities.report(id, request.report());
    }
}
