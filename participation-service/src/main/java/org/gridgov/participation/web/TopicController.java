package org.gridgov.participation.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gridgov.participation.AgendaItemView;
import org.gridgov.participation.RaiseTopicCommand;
import org.gridgov.participation.TopicFollowUpCommand;
import org.gridgov.participation.TopicService;
import org.gridgov.participation.TopicView;
import org.gridgov.shared.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Deliberation (议事): topics, comments, supports, the community's agenda, decisions and their follow-up. */
@RestController
@Tag(name = "Participation: deliberation", description = "议事: topics, supports, agenda, decision, follow-up")
class TopicController {

    private static final String BASE = "/api/v1/participation/topics";

    private final TopicService topics;

    TopicController(TopicService topics) {
        this.topics = topics;
    }

    record RaiseTopicRequest(@NotNull @Schema(description = "The community, or a grid in it", example = "140")
            Long gridId, @Size(max = 200) @Schema(example = "小区东门加装充电桩") String title,
            @Size(max = 4000) @Schema(example = "电动车在楼道充电有火灾隐患，建议在东门空地加装集中充电桩") String body,
            @Schema(description = "Staff only: the supports that put it on the agenda (residents' topics get the "
                    + "community default)", example = "30") Integer supportThreshold) {
    }

    record CommentRequest(@Size(max = 2000) @Schema(example = "支持，晚上可以错峰充电") String body) {
    }

    record DecisionRequest(@Size(max = 4000) @Schema(example = "议事会同意：由物业在东门空地加装 20 个充电口") String decision) {
    }

    record FollowUpRequest(@Schema(description = "INCIDENT, MICRO_PROJECT or NONE", example = "INCIDENT") String kind,
            @Size(max = 50) @Schema(description = "INCIDENT: the incident category", example = "FIRE_SAFETY")
            String categoryCode, @Size(max = 2000) String note) {
    }

    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Raise a topic", description = "A resident bound inside the community, or staff whose scope "
            + "covers the grid. Idempotency-Key: a retry raises one topic.")
    TopicView raise(@Valid @RequestBody RaiseTopicRequest request) {
        return topics.raise(new RaiseTopicCommand(request.gridId(), request.title(), request.body(),
                request.supportThreshold()));
    }

    @GetMapping(BASE)
    @Operation(summary = "List topics", description = "Staff: those of their scope. Residents: those of their "
            + "community. Newest first.")
    PageResult<TopicView> list(
            @Parameter(description = "OPEN, ON_AGENDA or DECIDED") @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return topics.list(state, page, size);
    }

    @GetMapping(BASE + "/{id}")
    @Operation(summary = "One topic", description = "With its comments and timeline (raised, on the agenda, decided, "
            + "followed up); residents are shown as 居民.")
    TopicView get(@PathVariable long id) {
        return topics.get(id);
    }

    @PostMapping(BASE + "/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment on a topic", description = "Those who take part in its community.")
    TopicView comment(@PathVariable long id, @Valid @RequestBody CommentRequest request) {
        return topics.comment(id, request.body());
    }

    @PostMapping(BASE + "/{id}/supports")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Support a topic", description = "Once per person (409 participation.topic.supported). The "
            + "support that reaches the threshold puts the topic on the community's agenda, exactly once.")
    TopicView support(@PathVariable long id) {
        return topics.support(id);
    }

    @PostMapping(BASE + "/{id}/decision")
    @Operation(summary = "Record the decision", description = "Managers of the topic's grid, for a topic on the "
            + "agenda (else 422 participation.topic.not-on-agenda).")
    TopicView decide(@PathVariable long id, @Valid @RequestBody DecisionRequest request) {
        return topics.decide(id, request.decision());
    }

    @PostMapping(BASE + "/{id}/follow-up")
    @Operation(summary = "Record the follow-up", description = "Managers, once, after the decision: INCIDENT asks "
            + "the incident module for an incident in the topic's grid (origin DELIBERATION), MICRO_PROJECT marks it "
            + "for a micro-governance project, NONE closes it.")
    TopicView followUp(@PathVariable long id, @Valid @RequestBody FollowUpRequest request) {
        return topics.followUp(id, new TopicFollowUpCommand(request.kind(), request.categoryCode(), request.note()));
    }

    @GetMapping("/api/v1/participation/agenda")
    @Operation(summary = "A community's meeting agenda", description = "Grid staff whose scope covers the community: "
            + "the topics whose supports reached their threshold, in the order they did.")
    List<AgendaItemView> agenda(@Parameter(required = true, example = "140") @RequestParam Long communityId) {
        return topics.agenda(communityId);
    }
}
