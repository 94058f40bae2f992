package org.gridgov.console;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.participation.MilestoneCommand;
import org.gridgov.participation.ProjectService;
import org.gridgov.participation.ProjectView;
import org.gridgov.participation.ProposeProjectCommand;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.security.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Micro-governance projects for grid staff: the projects of their scope, by state, 20 a page, with budget, partners,
 * progress and ratings; a proposal (managers); one project with its decision (approve with budget, reject with the
 * reason), start and completion (managers), its milestones with photos (grid staff) and the residents' ratings. Every
 * rule is {@link ProjectService}'s; a refusal comes back as a flash error naming what was wrong.
 */
@Controller
@RequestMapping("/participation/projects")
@PreAuthorize(Role.Expressions.GRID_STAFF)
class ProjectConsoleController {

    static final List<String> STATES = List.of("PROPOSED", "APPROVED", "REJECTED", "IN_PROGRESS", "COMPLETED");
    static final List<String> SOURCES = List.of("COMMUNITY_FUND", "STREET", "SOCIAL", "RESIDENTS");

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
        return "participation/projects";
    }

    @GetMapping("/new")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String proposal(@AuthenticationPrincipal ScopedPrincipal me, Model model) {
        model.addAttribute("defaultGridId", me.scopeNodeId());
        model.addAttribute("sources", SOURCES);
        return "participation/project-form";
    }

    @PostMapping
    @PreAuthorize(Role.Expressions.MANAGERS)
    String propose(@RequestParam(required = false) Long gridId, @RequestParam(required = false) String title,
            @RequestParam(required = false) String description, @RequestParam(required = false) String partnerIds,
            @RequestParam(required = false) String budgetYuan, @RequestParam(required = false) String budgetSource,
            RedirectAttributes redirect) {
        try {
            ProjectView created = projects.propose(new ProposeProjectCommand(gridId, title, blank(description),
                    ids(partnerIds), yuan(budgetYuan), blank(budgetSource)));
            redirect.addFlashAttribute("message", "participation.project.proposed");
            return "redirect:/participation/projects/" + created.id();
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            return "redirect:/participation/projects/new";
        }
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        model.addAttribute("project", projects.get(id));
        model.addAttribute("sources", SOURCES);
        model.addAttribute("today", LocalDate.now(ConsoleTimes.ZONE));
        return "participation/project";
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String approve(@PathVariable long id, @RequestParam(required = false) String note,
            @RequestParam(required = false) String budgetYuan, @RequestParam(required = false) String budgetSource,
            RedirectAttributes redirect) {
        return act(id, redirect, "participation.project.approved",
                () -> projects.approve(id, blank(note), yuan(budgetYuan), blank(budgetSource)));
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String reject(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return act(id, redirect, "participation.project.rejected", () -> projects.reject(id, note));
    }

    @PostMapping("/{id}/start")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String start(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, "participation.project.started", () -> projects.start(id));
    }

    @PostMapping("/{id}/complete")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String complete(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, "participation.project.completed", () -> projects.complete(id));
    }

    /**
     * A milestone, with a photo when one is chosen. The milestone is recorded first; a photo the service refuses (not
     * an image, too large) leaves the milestone in place and says why, and another photo can be added to it below.
     */
    @PostMapping("/{id}/milestones")
    String milestone(@PathVariable long id, @RequestParam(required = false) String title,
            @RequestParam(required = false) String note, @RequestParam(required = false) String reachedOn,
            @RequestParam(required = false) Integer progress,
            @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        try {
            ProjectView project = projects.milestone(id, new MilestoneCommand(title, blank(note),
                    day(reachedOn), progress));
            if (file != null && !file.isEmpty()) {
                long milestoneId = project.milestones().stream().mapToLong(ProjectView.Milestone::id).max()
                    .orElseThrow();
                projects.addPhoto(id, milestoneId, file.getBytes());
            }
            redirect.addFlashAttribute("message", "participation.project.milestone-recorded");
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/participation/projects/" + id;
    }

    @PostMapping("/{id}/milestones/{milestoneId}/photos")
    String photo(@PathVariable long id, @PathVariable long milestoneId,
            @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        return act(id, redirect, "participation.project.photo-added",
                () -> projects.addPhoto(id, milestoneId, file == null ? new byte[0] : bytes(file)));
    }

    /** A milestone photo, for the page's img (the console session; the API wants a token). */
    @GetMapping("/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        ProjectService.Photo photo = projects.photo(id, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.mediaType()))
            .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "private, max-age=3600")
            .body(photo.content());
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static String act(long id, RedirectAttributes redirect, String message, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", message);
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/participation/projects/" + id;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static BigDecimal yuan(String value) {
        String v = blank(value);
        try {
            return v == null ? null : new BigDecimal(v);
        }
        catch (NumberFormatException ex) {
            throw DomainException.invalidField("participation.project.budget", "budgetYuan",
                    "The budget in yuan, e.g. 12000.50");
        }
    }

    private static LocalDate day(String value) {
        String v = blank(value);
        try {
            return v == null ? null : LocalDate.parse(v);
        }
        catch (DateTimeParseException ex) {
            throw DomainException.invalidField("field.date", "reachedOn", "A day as yyyy-MM-dd");
        }
    }

    private static List<Long> ids(String value) {
        String v = blank(value);
        List<Long> ids = new ArrayList<>();
        if (v == null) {
            return ids;
        }
        for (String part : v.split("[,，\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.valueOf(part));
            }
            catch (NumberFormatException ex) {
                throw DomainException.invalidField("field.number", "partnerIds",
                        "Partners by id, separated by commas (e.g. 3, 7)");
            }
        }
        return ids;
    }
}
