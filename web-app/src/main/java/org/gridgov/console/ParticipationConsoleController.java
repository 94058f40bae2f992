package org.gridgov.console;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.participation.BookingService;
import org.gridgov.participation.ChangeSpaceCommand;
import org.gridgov.participation.CreateSpaceCommand;
import org.gridgov.participation.OpeningHours;
import org.gridgov.participation.SpaceService;
import org.gridgov.participation.SpaceView;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.security.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The community's spaces and their bookings for grid staff: the spaces in their scope, 20 a page (a new one and
 * changes for managers), the coming bookings with approval, cancellation and attendance. Every rule is the participation services'; a refusal
 * comes back as a flash error.
 */
@Controller
@RequestMapping("/participation")
@PreAuthorize(Role.Expressions.GRID_STAFF)
class ParticipationConsoleController {

    static final ZoneId CHINA = ConsoleTimes.ZONE;

    private final SpaceService spaces;
    private final BookingService bookings;

    ParticipationConsoleController(SpaceService spaces, BookingService bookings) {
        this.spaces = spaces;
        this.bookings = bookings;
    }

    @GetMapping
    String home(@AuthenticationPrincipal ScopedPrincipal me, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "0") int spacePage,
            Model model) {
        var spacesPage = spaces.list(null, Math.max(0, spacePage), QuestionnaireConsoleController.PAGE_SIZE);
        model.addAttribute("spaces", spacesPage.items());
        model.addAttribute("spacePage", spacesPage);
        model.addAttribute("state", state == null ? "" : state);
        model.addAttribute("states", BookingStates.ALL);
        var booked = bookings.list(null, state, LocalDate.now(CHINA).minusDays(1), Math.max(0, page), 100);
        model.addAttribute("bookings", booked.items());
        model.addAttribute("bookingPage", booked);
        model.addAttribute("defaultGridId", me.scopeNodeId());
        return "participation/console";
    }

    @PostMapping("/spaces")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String createSpace(@RequestParam(required = false) Long gridId, @RequestParam String name,
            @RequestParam(required = false) Integer capacity, @RequestParam(required = false) String rules,
            @RequestParam(defaultValue = "false") boolean approvalRequired,
            @RequestParam(defaultValue = "RESIDENTS") String bookableBy,
            @RequestParam(required = false) List<Integer> weekdays, @RequestParam(required = false) @DateTimeFormat(pattern = "HH:mm") LocalTime opens,
            @RequestParam(required = false) @DateTimeFormat(pattern = "HH:mm") LocalTime closes, RedirectAttributes redirect) {
        List<OpeningHours> hours = new ArrayList<>();
        if (weekdays != null && opens != null && closes != null) {
            weekdays.forEach(d -> hours.add(new OpeningHours(d, opens, closes)));
        }
        return act(redirect, "participation.flash.space-created", () -> spaces.create(new CreateSpaceCommand(gridId,
                name, capacity, blank(rules), approvalRequired, bookableBy, null, null, null, hours)));
    }

    /** The form to change a space: one row per weekday with up to two opening intervals. */
    @GetMapping("/spaces/{id}/edit")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String editSpace(@PathVariable long id, Model model) {
        SpaceView space = spaces.get(id);
        model.addAttribute("space", space);
        List<List<OpeningHours>> byDay = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            int day = d;
            byDay.add(space.hours().stream().filter(h -> h.weekday() == day).toList());
        }
        model.addAttribute("byDay", byDay);
        return "participation/space-form";
    }

    /**
     * Changes a space from the form: {@code name}, {@code capacity}, {@code rules}, {@code approvalRequired},
     * {@code bookableBy}, {@code slotMinutes}, {@code maxMinutes}, {@code closedOnHolidays}, {@code active}, and per
     * weekday d (1–7) and interval i (0, 1) {@code h<d>.<i>.opens} / {@code h<d>.<i>.closes} (blank: none).
     */
    @PostMapping("/spaces/{id}")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String changeSpace(@PathVariable long id, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        try {
            List<OpeningHours> hours = new ArrayList<>();
            for (int d = 1; d <= 7; d++) {
                for (int i = 0; i < 2; i++) {
                    LocalTime opens = time(form.getFirst("h" + d + "." + i + ".opens"), "hours");
                    LocalTime closes = time(form.getFirst("h" + d + "." + i + ".closes"), "hours");
                    if (opens != null || closes != null) {
                        hours.add(new OpeningHours(d, opens, closes));
                    }
                }
            }
            spaces.change(id, new ChangeSpaceCommand(form.getFirst("name"), integer(form.getFirst("capacity"),
                    "capacity"), blank(form.getFirst("rules")), form.containsKey("approvalRequired"),
                    form.getFirst("bookableBy"), integer(form.getFirst("slotMinutes"), "slotMinutes"),
                    integer(form.getFirst("maxMinutes"), "maxMinutes"), form.containsKey("closedOnHolidays"),
                    form.containsKey("active"), hours));
            redirect.addFlashAttribute("message", "participation.space.changed");
            return "redirect:/participation";
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            return "redirect:/participation/spaces/" + id + "/edit";
        }
    }

    private static LocalTime time(String value, String field) {
        String v = blank(value);
        try {
            return v == null ? null : LocalTime.parse(v);
        }
        catch (java.time.format.DateTimeParseException ex) {
            throw DomainException.invalidField("field.time", field, "A time as HH:mm");
        }
    }

    private static Integer integer(String value, String field) {
        String v = blank(value);
        try {
            return v == null ? null : Integer.valueOf(v);
        }
        catch (NumberFormatException ex) {
            throw DomainException.invalidField("field.number", field, "A whole number");
        }
    }

    @PostMapping("/bookings/{id}/approve")
    String approve(@PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "participation.flash.approved", () -> bookings.decide(id, true, null));
    }

    @PostMapping("/bookings/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return act(redirect, "participation.flash.rejected", () -> bookings.decide(id, false, note));
    }

    @PostMapping("/bookings/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "participation.flash.cancelled", () -> bookings.cancel(id, null));
    }

    @PostMapping("/bookings/{id}/attendance")
    String attendance(@PathVariable long id, @RequestParam boolean attended, RedirectAttributes redirect) {
        return act(redirect, "participation.flash.attendance", () -> bookings.recordAttendance(id, attended));
    }

    private static String act(RedirectAttributes redirect, String message, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", message);
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/participation";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The booking states, for the filter. */
    static final class BookingStates {
        static final List<String> ALL = List.of("PENDING", "CONFIRMED", "REJECTED", "CANCELLED", "ATTENDED",
                "NO_SHOW");

        private BookingStates() {
        }
    }
}
