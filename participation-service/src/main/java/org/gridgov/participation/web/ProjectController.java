package org.gridgov.participation.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.gridgov.participation.MilestoneCommand;
import org.gridgov.participation.ProjectService;
import org.gridgov.participation.ProjectView;
import org.gridgov.participation.ProposeProjectCommand;
import org.gridgov.participation.PublicProjectView;
import org.gridgov.shared.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Micro-governance projects (微治理项目): proposal with community partners, approval, milestones, completion,
 * residents' ratings, and the public list of a street.
 */
@RestController
@Tag(name = "Participation: micro-governance projects",
        description = "微治理项目: proposal, approval, milestones, rating, the public list of a street")
class ProjectController {

    private static final String BASE = "/api/v1/participation/projects";
    private static final String MOVES = " A move the state does not allow is 409 participation.project.state, naming "
            + "the state the project is in (`state`).";

    private final ProjectService projects;

    ProjectController(ProjectService projects) {
        this.projects = projects;
    }

    record ProposeProjectRequest(@Schema(description = "The community, or a grid in it", example = "140") Long gridId,
            @Size(max = 200) @Schema(example = "老旧院落微更新：增设休闲座椅") String title,
            @Size(max = 4000) @Schema(example = "在院落东侧空地增设 6 组休闲座椅和遮阳棚") String description,
            @Size(max = 20) @Schema(description = "益·社 community partners by id (the points mall's partners)",
                    example = "[1]") List<Long> partnerIds,
            @Schema(description = "Yuan, at most two decimals", example = "12000.50") BigDecimal budgetYuan,
            @Schema(description = "COMMUNITY_FUND (社区保障资金), STREET (街道), SOCIAL (社会资金) or RESIDENTS (居民自筹)",
                    example = "COMMUNITY_FUND") String budgetSource) {
    }

    record ApproveRequest(@Size(max = 2000) @Schema(example = "同意实施") String note,
            @Schema(description = "Required when the project has no budget yet (one from a topic)",
                    example = "8000") BigDecimal budgetYuan,
            @Schema(description = "With budgetYuan", example = "STREET") String budgetSource) {
    }

    record RejectRequest(@Size(max = 2000) @Schema(example = "预算超出社区保障资金额度") String note) {
    }

    record MilestoneRequest(@Size(max = 200) @Schema(example = "座椅安装完成") String title,
            @Size(max = 2000) String note,
            @Schema(description = "The day it was reached (China time), not in the future", example = "2026-12-01")
            LocalDate reachedOn, @Schema(description = "0–100 percent", example = "60") Integer progress) {
    }

    record RatingRequest(@Schema(description = "1 to 5", example = "5") Integer stars) {
    }

    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "proposeProject",
            summary = "Propose a project", description = "Managers whose scope covers the grid: a community or a "
            + "grid in it, with its partners and its budget in yuan and source. A deliberation topic followed up as "
            + "MICRO_PROJECT proposes one too.")
    ProjectView propose(@Valid @RequestBody ProposeProjectRequest request) {
        return projects.propose(new ProposeProjectCommand(request.gridId(), request.title(), request.description(),
                request.partnerIds(), request.budgetYuan(), request.budgetSource()));
    }

    @GetMapping(BASE)
    @Operation(operationId = "listProjects",
            summary = "List projects", description = "Staff: those of their scope. Residents: those of their "
            + "community. Newest first.")
    PageResult<ProjectView> list(
            @Parameter(description = "PROPOSED, APPROVED, REJECTED, IN_PROGRESS or COMPLETED")
            @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return projects.list(state, page, size);
    }

    @GetMapping(BASE + "/{id}")
    @Operation(operationId = "getProject",
            summary = "One project", description = "With its partners, milestones and ratings.")
    ProjectView get(@PathVariable long id) {
        return projects.get(id);
    }

    @PostMapping(BASE + "/{id}/approve")
    @Operation(operationId = "approveProject",
            summary = "Approve a proposed project", description = "Managers of its community or street." + MOVES)
    ProjectView approve(@PathVariable long id, @Valid @RequestBody ApproveRequest request) {
        return projects.approve(id, request.note(), request.budgetYuan(), request.budgetSource());
    }

    @PostMapping(BASE + "/{id}/reject")
    @Operation(operationId = "rejectProject",
            summary = "Reject a proposed project", description = "Managers, with the reason." + MOVES)
    ProjectView reject(@PathVariable long id, @Valid @RequestBody RejectRequest request) {
        return projects.reject(id, request.note());
    }

    @PostMapping(BASE + "/{id}/start")
    @Operation(operationId = "startProject",
            summary = "Start an approved project", description = "Managers." + MOVES)
    ProjectView start(@PathVariable long id) {
        return projects.start(id);
    }

    @PostMapping(BASE + "/{id}/complete")
    @Operation(operationId = "completeProject",
            summary = "Complete a running project", description = "Managers; its progress becomes 100." + MOVES)
    ProjectView complete(@PathVariable long id) {
        return projects.complete(id);
    }

    @PostMapping(BASE + "/{id}/milestones")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "recordProjectMilestone",
            summary = "Record a milestone", description = "Grid staff of the project's grid, for an approved or "
            + "running project: text, day and progress (photos: POST …/milestones/{milestoneId}/photos)." + MOVES)
    ProjectView milestone(@PathVariable long id, @Valid @RequestBody MilestoneRequest request) {
        return projects.milestone(id, new MilestoneCommand(request.title(), request.note(), request.reachedOn(),
                request.progress()));
    }

    private static final String PHOTO_PART = "The photo: JPEG, PNG or WebP, at most 10 MB by default";

    @PostMapping(path = BASE + "/{id}/milestones/{milestoneId}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "addProjectMilestonePhoto",
            summary = "Add a photo to a milestone", description = "Grid staff who see the project. Multipart `file`: "
            + "JPEG, PNG or WebP judged by content (415 otherwise), at most 10 MB by default (413); EXIF — with the "
            + "GPS position — is removed before storing.")
    ProjectView addPhoto(@PathVariable long id, @PathVariable long milestoneId,
            @Parameter(description = PHOTO_PART, schema = @Schema(type = "string", format = "binary",
                    description = PHOTO_PART)) @RequestPart("file") MultipartFile file) throws java.io.IOException {
        return projects.addPhoto(id, milestoneId, file.getBytes());
    }

    @GetMapping(BASE + "/{id}/photos/{photoId}")
    @Operation(operationId = "getProjectPhoto",
            summary = "Download a milestone photo", description = "Whoever sees the project; metadata removed.")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        ProjectService.Photo photo = projects.photo(id, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.mediaType()))
            .header("X-Content-Type-Options", "nosniff").body(photo.content());
    }

    @PostMapping(BASE + "/{id}/ratings")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "rateProject",
            summary = "Rate a completed project", description = "Residents of its community, 1 to 5, once "
            + "(409 participation.project.rated)." + MOVES)
    ProjectView rate(@PathVariable long id, @Valid @RequestBody RatingRequest request) {
        return projects.rate(id, request.stars());
    }

    @GetMapping("/api/v1/public/participation/projects")
    @Operation(operationId = "listPublicProjects",
            summary = "A street's micro-governance projects (public)", description = "No login: the approved, "
            + "running and completed projects of a street with partners, budget, progress and ratings — no "
            + "person's name.")
    PageResult<PublicProjectView> publicList(@Parameter(required = true, example = "120") @RequestParam(required = false)
            Long streetId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return projects.publicList(streetId, page, size);
    }
}
