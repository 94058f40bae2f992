package org.gridgov.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.participation.BookCommand;
import org.gridgov.participation.BookingService;
import org.gridgov.participation.SpaceService;
import org.gridgov.shared.DomainException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The phone pages of participation (usable at 390 px): residents and staff book a space (pick a day, tap a free
 * slot) and see or cancel their bookings. A taken slot answers with the next free ones.
 */
@Controller
@RequestMapping("/m/participation")
@PreAuthorize("isAuthenticated()")
class ParticipationPhoneController {

    static final ZoneId CHINA = ConsoleTimes.ZONE;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(CHINA);

    private final SpaceService spaces;
    private final BookingService bookings;

    ParticipationPhoneController(SpaceService spaces, BookingService bookings) {
        this.spaces = spaces;
        this.bookings = bookings;
    }

    @GetMapping
    String home(Model model) {
        model.addAttribute("spaces", spaces.list(null, 0, 200).items());
        model.addAttribute("bookings", bookings.mine(0, 50).items());
        return "participation/phone-home";
    }

    @GetMapping("/spaces/{id}")
    String space(@PathVariable long id, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model) {
        LocalDate day = date == null ? LocalDate.now(CHINA) : date;
        model.addAttribute("space", spaces.get(id));
        model.addAttribute("day", spaces.availability(id, day));
        model.addAttribute("previous", day.minusDays(1));
        model.addAttribute("next", day.plusDays(1));
        return "participation/phone-space";
    }

    @PostMapping("/bookings")
    String book(@RequestParam long spaceId, @RequestParam Instant startsAt, @RequestParam Instant endsAt,
            @RequestParam(defaultValue = "1") int attendees, @RequestParam String purpose,
            @RequestParam(required = false) String groupName, RedirectAttributes redirect) {
        try {
            bookings.book(new BookCommand(spaceId, startsAt, endsAt, attendees, purpose,
                    groupName == null || groupName.isBlank() ? null : groupName));
            redirect.addFlashAttribute("message", "participation.flash.booked");
            return "redirect:/m/participation";
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            Object next = ex.properties().get("nextFreeSlots");
            if (next instanceof List<?> slots) {
                // in words ("Sat 12 Dec, 10:00–10:30" / "12月12日 星期六 10:00–10:30"), each a button that books it
                Locale locale = LocaleContextHolder.getLocale();
                DateTimeFormatter day = DateTimeFormatter.ofPattern(Locale.CHINESE.getLanguage()
                    .equals(locale.getLanguage()) ? "M月d日 EEEE HH:mm" : "EEE d MMM, HH:mm", locale).withZone(CHINA);
                redirect.addFlashAttribute("nextFreeSlots", slots.stream().map(s -> (Map<?, ?>) s)
                    .map(s -> new FreeSlot(day.format(Instant.parse((String) s.get("startsAt"))) + "–"
                            + TIME.format(Instant.parse((String) s.get("endsAt"))), (String) s.get("startsAt"),
                            (String) s.get("endsAt")))
                    .toList());
                redirect.addFlashAttribute("asked", Map.of("purpose", purpose, "attendees", attendees,
                        "groupName", groupName == null ? "" : groupName));
            }
            return "redirect:/m/participation/spaces/" + spaceId + "?date="
                    + startsAt.atZone(CHINA).toLocalDate();
        }
    }

    /**
     * A free slot offered after a 409: in words, and the instants to book it with one tap. Serializable: flash
     * attributes live in the (JDBC) session until the next page.
     */
    record FreeSlot(String words, String startsAt, String endsAt) implements java.io.Serializable {
    }

    @PostMapping("/bookings/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        try {
            bookings.cancel(id, null);
            redirect.addFlashAttribute("message", "participation.flash.cancelled");
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/m/participation";
    }
}
