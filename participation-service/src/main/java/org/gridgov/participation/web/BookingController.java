package org.gridgov.participation.web;

import java.time.Instant;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gridgov.participation.BookCommand;
import org.gridgov.participation.BookingService;
import org.gridgov.participation.BookingView;
import org.gridgov.shared.PageResult;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Booking spaces (预约): book, mine, the staff's list, approval, cancellation, attendance and no-shows. */
@RestController
@RequestMapping("/api/v1/participation/bookings")
@Tag(name = "Participation: bookings", description = "预约: a space is never booked twice")
class BookingController {

    private final BookingService bookings;

    BookingController(BookingService bookings) {
        this.bookings = bookings;
    }

    record BookRequest(@NotNull @Schema(example = "12") Long spaceId,
            @NotNull @Schema(example = "2026-12-12T06:00:00Z") Instant startsAt,
            @NotNull @Schema(example = "2026-12-12T08:00:00Z") Instant endsAt,
            @NotNull @Schema(example = "20") Integer attendees,
            @Size(max = 500) @Schema(example = "邻里月台读书会") String purpose,
            @Size(max = 100) @Schema(example = "三义桥读书会") String groupName) {
    }

    record BookingNoteRequest(@Size(max = 500) @Schema(example = "与社区议事会时间冲突") String note) {
    }

    record AttendanceRequest(@NotNull @Schema(description = "true: they came; false: a no-show", example = "false") Boolean attended) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Book a slot", description = "Inside the space's opening hours (China time, on its slot "
            + "grid, not on a public holiday when it closes then), in the future, at most 60 days ahead, within its "
            + "capacity. CONFIRMED at once, or PENDING where the space needs approval. 409 "
            + "participation.booking.slot-taken when the period overlaps a held booking — decided by a PostgreSQL "
            + "exclusion constraint, so of racing requests exactly one wins — with `nextFreeSlots`. "
            + "Idempotency-Key: a retry books once.")
    BookingView book(@Valid @RequestBody BookRequest request) {
        return bookings.book(new BookCommand(request.spaceId(), request.startsAt(), request.endsAt(),
                request.attendees(), request.purpose(), request.groupName()));
    }

    @GetMapping("/mine")
    @Operation(summary = "My bookings", description = "Every booking I made, the latest start first.")
    PageResult<BookingView> mine(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return bookings.mine(page, size);
    }

    @GetMapping
    @Operation(summary = "Bookings of the spaces in my scope", description = "Grid staff; by space, state and from "
            + "a day on.")
    PageResult<BookingView> list(@RequestParam(required = false) Long spaceId,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return bookings.list(spaceId, state, from, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One booking", description = "Its booker, and the staff whose scope covers its space.")
    BookingView get(@PathVariable long id) {
        return bookings.get(id);
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Confirm a pending booking", description = "Grid staff of the space; 409 "
            + "participation.booking.not-pending unless it is pending.")
    BookingView approve(@PathVariable long id, @Valid @RequestBody(required = false) BookingNoteRequest request) {
        return bookings.decide(id, true, request == null ? null : request.note());
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject a pending booking", description = "`note` (the reason) is required.")
    BookingView reject(@PathVariable long id, @Valid @RequestBody BookingNoteRequest request) {
        return bookings.decide(id, false, request.note());
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a booking", description = "Its booker before it starts, or the space's staff.")
    BookingView cancel(@PathVariable long id, @Valid @RequestBody(required = false) BookingNoteRequest request) {
        return bookings.cancel(id, request == null ? null : request.note());
    }

    @PostMapping("/{id}/attendance")
    @Operation(summary = "Record attendance or a no-show", description = "Grid staff, once a confirmed booking has "
            + "started.")
    BookingView attendance(@PathVariable long id, @Valid @RequestBody AttendanceRequest request) {
        return bookings.recordAttendance(id, request.attended());
    }
}
