package org.gridgov.console;

import org.gridgov.participation.ProjectService;
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
 * My community's micro-governance projects on the phone (usable at 390 px): state, budget, progress and the latest
 * milestone, and for a completed one the residents' rating with mine (1 to 5 stars, once).
 */
@Controller
@RequestMapping("/m/participation/projects")
@PreAuthorize("isAuthenticated()")
class ProjectPhoneController {

    private final ProjectService projects;

    ProjectPhoneController(ProjectService projects) {
        this.projects = projects;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("projects", projects.list(null, 0, 50).items());
        return "participation/phone-projects";
    }

    @PostMapping("/{id}/ratings")
    String rate(@PathVariable long id, @RequestParam(required = false) Integer stars, RedirectAttributes redirect) {
        try {
            projects.rate(id, stars);
            redirect.addFlashAttribute("message", "participation.project.rated-flash");
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/m/participation/projects";
    }
}
