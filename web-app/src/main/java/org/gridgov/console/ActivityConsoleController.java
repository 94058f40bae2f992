package org.gridgov.console;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.participation.ActivityService;
import org.gridgov.participation.CheckInCode;
import org.gridgov.participation.CreateActivityCommand;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.security.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Activities for grid staff: the activities in their scope (a new one for managers), the sign-ups of one with the
 * volunteers' hours to confirm, and the door screen showing a fresh signed check-in QR code.
 */
@Controller
@RequestMapping("/participation/activities")
@PreAuthorize(Role.Expressions.GRID_STAFF)
class ActivityConsoleController {

    static final ZoneId CHINA = ConsoleTimes.ZONE;

    private final ActivityService activities;

    ActivityConsoleController(ActivityService activities) {
        this.activities = activities;
    }

    @GetMapping
    String list(@AuthenticationPrincipal ScopedPrincipal me, @RequestParam(defaultValue = "0") int page,
            Model model) {
        var result = activities.list(Math.max(0, page), QuestionnaireConsoleController.PAGE_SIZE);
        model.addAttribute("activities", result.items());
        model.addAttribute("activityPage", result);
        model.addAttribute("defaultGridId", me.scopeNodeId());
        return "participation/activities";
    }

    @PostMapping
    @PreAuthorize(Role.Expressions.MANAGERS)
    String create(@RequestParam(required = false) Long gridId, @RequestParam String title,
            @RequestParam(required = false) String organiserKind, @RequestParam String organiserName,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime startsAt,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime endsAt,
            @RequestParam(required = false) String place, @RequestParam(required = false) Integer capacity,
            RedirectAttributes redirect) {
        return act(redirect, "/participation/activities", "participation.flash.activity-created",
                () -> activities.create(new CreateActivityCommand(gridId, title, null, organiserKind, organiserName,
                        startsAt.atZone(CHINA).toInstant(), endsAt.atZone(CHINA).toInstant(), place, null,
                        capacity)));
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        model.addAttribute("activity", activities.get(id));
        model.addAttribute("signups", activities.signups(id));
        return "participation/activity";
    }

    @PostMapping("/{id}/volunteer-hours")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String hours(@PathVariable long id, @RequestParam long signupId, @RequestParam BigDecimal hours,
            RedirectAttributes redirect) {
        return act(redirect, "/participation/activities/" + id, "participation.flash.hours-confirmed",
                () -> activities.confirmVolunteerHours(id, signupId, hours));
    }

    /** The door screen: a fresh one-time code as a QR code of the phone check-in link, renewed every 15 seconds. */
    @GetMapping("/{id}/door")
    String door(@PathVariable long id, HttpServletRequest request, Model model) {
        CheckInCode code = activities.issueCode(id);
        String link = ServletUriComponentsBuilder.fromContextPath(request)
            .path("/m/participation/activities/{id}/check-in").queryParam("code", code.code()).buildAndExpand(id)
            .toUriString();
        model.addAttribute("activity", activities.get(id));
        model.addAttribute("qrSvg", QrCodes.svg(link, "check-in"));
        model.addAttribute("link", link);
        return "participation/door";
    }

    private static String act(RedirectAttributes redirect, String to, String message, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", message);
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:" + to;
    }
}
