package org.gridgov.console;

import org.gridgov.participation.TopicFollowUpCommand;
import org.gridgov.participation.TopicService;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.security.Role;
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
 * Deliberation for grid staff: the topics of their scope (by state, 20 a page), one topic with its supports against
 * the threshold, comments and timeline, and — for managers — the decision of a topic on the agenda and its follow-up.
 */
@Controller
@RequestMapping("/participation/topics")
@PreAuthorize(Role.Expressions.GRID_STAFF)
class TopicConsoleController {

    private final TopicService topics;

    TopicConsoleController(TopicService topics) {
        this.topics = topics;
    }

    @GetMapping
    String list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int page,
            Model model) {
        String filter = state == null || state.isBlank() ? null : state;
        PageResult<?> result = topics.list(filter, Math.max(0, page), QuestionnaireConsoleController.PAGE_SIZE);
        model.addAttribute("topics", result);
        model.addAttribute("state", filter);
        return "participation/topics";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        model.addAttribute("topic", topics.get(id));
        return "participation/topic";
    }

    @PostMapping("/{id}/comments")
    String comment(@PathVariable long id, @RequestParam String body, RedirectAttributes redirect) {
        return act(redirect, id, "participation.flash.commented", () -> topics.comment(id, body));
    }

    @PostMapping("/{id}/decision")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String decide(@PathVariable long id, @RequestParam String decision, RedirectAttributes redirect) {
        return act(redirect, id, "participation.flash.decided", () -> topics.decide(id, decision));
    }

    @PostMapping("/{id}/follow-up")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String followUp(@PathVariable long id, @RequestParam String kind,
            @RequestParam(required = false) String categoryCode, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(redirect, id, "participation.flash.followed-up", () -> topics.followUp(id,
                new TopicFollowUpCommand(kind, categoryCode == null || categoryCode.isBlank() ? null : categoryCode,
                        note)));
    }

    private static String act(RedirectAttributes redirect, long id, String message, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", message);
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/participation/topics/" + id;
    }
}
