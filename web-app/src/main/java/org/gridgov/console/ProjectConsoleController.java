package org.gridgov.console;

import org.gridgov.participation.ProjectService;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.security.Role;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Micro-governance projects for grid staff: the projects of their scope, by state, 20 a page, with budget, partners,
 * progress and ratings. (Proposal, approval and milestones go through the REST API.)
 */
@Controller
@RequestMapping("/participation/projects")
@PreAuthorize(Role.Expressions.GRID_STAFF)
class ProjectConsoleController {

    static final java.util.List<String> STATES = java.util.List.of("PROPOSED", "APPROVED", "REJECTED", "IN_PROGRESS",
            "COMPLETED");

    private final ProjectService projects;

    ProjectConsoleController(ProjectService projects) {
        this.projects = projects;
    }

    @GetMapping
    String list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int page,
            Model model) {
        String filter = state == null || state.isBlank() || !STATES.contains(state) ? null : state;
        PageResult<?> result = projects.list(filter, Math.max(0, page), QuestionnaireConsoleController.PAGE_SIZE);
        model.addAttribute("projects", result);
        model.addAttribute("state", filter);
        model.addAttribute("states", STATES);
        QuestionnaireConsoleController.pager(model, result, "/participation/projects?"
                + (filter == null ? "" : "state=" + filter + "&") + "page=");
        return "participation/projects";
    }
}
