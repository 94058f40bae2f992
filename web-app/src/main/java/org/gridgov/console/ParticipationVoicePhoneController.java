package org.gridgov.console;

import java.util.ArrayList;
import java.util.List;

import org.gridgov.participation.AnswerSpec;
import org.gridgov.participation.QuestionnaireService;
import org.gridgov.participation.QuestionnaireView;
import org.gridgov.participation.TopicService;
import org.gridgov.shared.DomainException;
import org.springframework.security.access.prepost.PreAuthorize;
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
 * Residents' say on the phone (usable at 390 px): the questionnaires open to me, answered on one page (a field
 * {@code q<questionId>} per question), and my community's topics to support.
 */
@Controller
@RequestMapping("/m/participation")
@PreAuthorize("isAuthenticated()")
class ParticipationVoicePhoneController {

    private final QuestionnaireService questionnaires;
    private final TopicService topics;

    ParticipationVoicePhoneController(QuestionnaireService questionnaires, TopicService topics) {
        this.questionnaires = questionnaires;
        this.topics = topics;
    }

    @GetMapping("/questionnaires")
    String questionnaires(Model model) {
        model.addAttribute("questionnaires", questionnaires.list(0, 50).items());
        return "participation/phone-questionnaires";
    }

    @GetMapping("/questionnaires/{id}")
    String questionnaire(@PathVariable long id, Model model) {
        model.addAttribute("questionnaire", questionnaires.get(id));
        return "participation/phone-questionnaire";
    }

    @PostMapping("/questionnaires/{id}")
    String answer(@PathVariable long id, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        try {
            QuestionnaireView questionnaire = questionnaires.get(id);
            List<AnswerSpec> answers = new ArrayList<>();
            for (QuestionnaireView.Question q : questionnaire.questions()) {
                List<String> values = form.getOrDefault("q" + q.id(), List.of()).stream()
                    .filter(v -> v != null && !v.isBlank()).toList();
                if (values.isEmpty()) {
                    continue;
                }
                answers.add(switch (q.kind()) {
                    case "SINGLE", "MULTIPLE" -> new AnswerSpec(q.id(), values.stream().map(Integer::valueOf).toList(),
                            null, null);
                    case "SCALE" -> new AnswerSpec(q.id(), null, Integer.valueOf(values.get(0)), null);
                    default -> new AnswerSpec(q.id(), null, null, values.get(0));
                });
            }
            questionnaires.answer(id, answers);
            redirect.addFlashAttribute("message", "participation.flash.answered");
            return "redirect:/m/participation/questionnaires";
        }
        catch (DomainException | NumberFormatException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            return "redirect:/m/participation/questionnaires/" + id;
        }
    }

    @GetMapping("/topics")
    String topics(Model model) {
        model.addAttribute("topics", topics.list(null, 0, 50).items());
        return "participation/phone-topics";
    }

    @PostMapping("/topics/{id}/supports")
    String support(@PathVariable long id, RedirectAttributes redirect) {
        try {
            topics.support(id);
            redirect.addFlashAttribute("message", "participation.flash.supported");
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/m/participation/topics";
    }
}
