package org.gridgov.console;

import org.gridgov.shared.security.Role;
import org.gridgov.integration.webhook.WebhookSubscriptionService;
import org.gridgov.shared.DomainException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhook subscriptions of all integrators for system administrators: which are paused and why, their deliveries,
 * resuming and re-sending.
 */
@Controller
@PreAuthorize(Role.Expressions.SYSTEM_ADMIN)
class WebhookConsoleController {

    private final WebhookSubscriptionService subscriptions;

    WebhookConsoleController(WebhookSubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/admin/webhooks")
    String list(Model model) {
        model.addAttribute("subscriptions", subscriptions.list());
        return "integration/webhooks";
    }

    @GetMapping("/admin/webhooks/{id}")
    String deliveries(@PathVariable long id, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("subscription", subscriptions.get(id));
        model.addAttribute("state", state == null || state.isBlank() ? null : state);
        model.addAttribute("deliveries", subscriptions.deliveries(id, state == null || state.isBlank() ? null : state,
                Math.max(0, page), 50));
        return "integration/deliveries";
    }

    @PostMapping("/admin/webhooks/{id}/resume")
    String resume(@PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "webhook.resumed", "redirect:/admin/webhooks/" + id, () -> subscriptions.resume(id));
    }

    @PostMapping("/admin/webhooks/{id}/deliveries/{deliveryId}/resend")
    String resend(@PathVariable long id, @PathVariable long deliveryId, RedirectAttributes redirect) {
        return act(redirect, "webhook.resent", "redirect:/admin/webhooks/" + id,
                () -> subscriptions.resend(deliveryId));
    }

    private static String act(RedirectAttributes redirect, String success, String target, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", success);
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return target;
    }
}
