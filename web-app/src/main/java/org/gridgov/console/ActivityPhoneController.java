package org.gridgov.console;

import org.gridgov.participation.ActivityService;
import org.gridgov.shared.DomainException;
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
 * My activities on the phone (usable at 390 px): the open activities to sign up for (as a participant or a
 * volunteer), my sign-ups, and the check-in page the door's QR code opens.
 */
@Controller
@RequestMapping("/m/participation/activities")
@PreAuthorize("isAuthenticated()")
class ActivityPhoneController {

    private final ActivityService activities;

    ActivityPhoneController(ActivityService activities) {
        this.activities = activities;
    }

    @GetMapping
    String home(Model model) {
        model.addAttribute("activities", activities.list(0, 100).items());
        model.addAttribute("signups", activities.mine(0, 50).items());
        return "participation/phone-activities";
    }

    @PostMapping("/{id}/signups")
    String signUp(@PathVariable long id, @RequestParam(defaultValue = "PARTICIPANT") String role,
            RedirectAttributes redirect) {
        return act(redirect, "participation.flash.signed-up", () -> activities.signUp(id, role));
    }

    @PostMapping("/{id}/signups/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "participation.flash.signup-cancelled", () -> activities.cancelSignUp(id));
    }

    /** Opened by scanning the door's QR code: one tap checks in. */
    @GetMapping("/{id}/check-in")
    String checkInPage(@PathVariable long id, @RequestParam String code, Model model) {
        model.addAttribute("activity", activities.get(id));
        model.addAttribute("code", code);
        return "participation/phone-check-in";
    }

    @PostMapping("/{id}/check-in")
    String checkIn(@PathVariable long id, @RequestParam String code, RedirectAttributes redirect) {
        return act(redirect, "participation.flash.checked-in", () -> activities.checkIn(id, code));
    }

    private static String act(RedirectAttributes redirect, String message, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", message);
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/m/participation/activities";
    }
}
