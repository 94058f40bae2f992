package org.gridgov.participation.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gridgov.participation.AnswerSpec;
import org.gridgov.participation.CreateQuestionnaireCommand;
import org.gridgov.participation.QuestionSpec;
import org.gridgov.participation.QuestionnaireResults;
import org.gridgov.participation.QuestionnaireService;
import org.gridgov.participation.QuestionnaireView;
import org.gridgov.participation.ResponseView;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.table.TableFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Questionnaires (问卷): an audience, anonymous or named, open days, one answer per person, results and export. */
@RestController
@Tag(name = "Participation: questionnaires", description = "问卷: questions, audience, one answer per person, results")
class QuestionnaireController {

    private static final String BASE = "/api/v1/participation/questionnaires";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final QuestionnaireService questionnaires;

    QuestionnaireController(QuestionnaireService questionnaires) {
        this.questionnaires = questionnaires;
    }

    record QuestionnaireQuestionRequest(
            @Schema(description = "SINGLE, MULTIPLE, SCALE or TEXT", example = "SINGLE") String kind,
            @Size(max = 500) @Schema(example = "您最希望社区增设哪类活动？") String prompt,
            @Schema(description = "Default true") Boolean required,
            @Size(max = 20) @Schema(description = "SINGLE/MULTIPLE: 2 to 20 options, numbered from 1",
                    example = "[\"读书会\", \"亲子活动\", \"老年健身\"]") List<String> options,
            @Schema(description = "SCALE: lowest value, 0..10", example = "1") Integer scaleMin,
            @Schema(description = "SCALE: highest value, 0..10", example = "5") Integer scaleMax) {
    }

    record CreateQuestionnaireRequest(@NotNull @Schema(example = "140") Long gridId,
            @Size(max = 200) @Schema(example = "三义桥社区活动需求调查") String title,
            @Size(max = 4000) String description,
            @Schema(description = "SUBTREE (default: people bound inside the grid's subtree), RESIDENTS (any "
                    + "resident) or PUBLIC (anyone with the link)", example = "SUBTREE") String audience,
            @Schema(description = "Whether answers carry the respondent's name; default false (anonymous)")
            Boolean named,
            @NotNull @Schema(description = "First day, China time", example = "2026-12-10") LocalDate opensOn,
            @NotNull @Schema(description = "Last day, China time, inclusive", example = "2026-12-20")
            LocalDate closesOn,
            @Size(max = 100) List<@Valid QuestionnaireQuestionRequest> questions) {
    }

    record QuestionnaireAnswerRequest(@NotNull @Schema(example = "12") Long questionId,
            @Size(max = 20) @Schema(description = "SINGLE/MULTIPLE: chosen option numbers", example = "[2]")
            List<Integer> options,
            @Schema(description = "SCALE: the chosen value", example = "4") Integer value,
            @Size(max = 2000) @Schema(description = "TEXT: the answer") String text) {
    }

    record AnswersRequest(@Size(max = 100) @Schema(description = "One per question answered",
            example = "[{\"questionId\": 12, \"options\": [2]}, {\"questionId\": 13, \"value\": 4}]")
            List<@Valid QuestionnaireAnswerRequest> answers) {
    }

    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a questionnaire", description = "Managers, on a grid inside their scope. A PUBLIC "
            + "one gets a link token (shown to staff only). Idempotency-Key: a retry creates one questionnaire.")
    QuestionnaireView create(@Valid @RequestBody CreateQuestionnaireRequest request) {
        return questionnaires.create(new CreateQuestionnaireCommand(request.gridId(), request.title(),
                request.description(), request.audience(), request.named(), request.opensOn(), request.closesOn(),
                request.questions() == null ? null : request.questions().stream().map(q -> q == null ? null
                        : new QuestionSpec(q.kind(), q.prompt(), q.required(), q.options(), q.scaleMin(),
                                q.scaleMax())).toList()));
    }

    @GetMapping(BASE)
    @Operation(summary = "List questionnaires", description = "Staff: those of their scope. Others: the open ones "
            + "whose audience they are in (public ones only by their link).")
    PageResult<QuestionnaireView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return questionnaires.list(page, size);
    }

    @GetMapping(BASE + "/{id}")
    @Operation(summary = "One questionnaire with its questions", description = "Staff whose scope covers it and the "
            + "people of its audience; 404 to anyone else.")
    QuestionnaireView get(@PathVariable long id) {
        return questionnaires.get(id);
    }

    @PostMapping(BASE + "/{id}/responses")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Answer a questionnaire", description = "Once per person: a second answer, also a "
            + "concurrent one, is 409 participation.response.exists. Outside the open days 422 "
            + "participation.questionnaire.not-open / .closed. A bad answer is 400 naming answers[i].options, .value "
            + "or .text.")
    ResponseView answer(@PathVariable long id, @Valid @RequestBody AnswersRequest request) {
        return questionnaires.answer(id, answers(request));
    }

    @PostMapping(BASE + "/{id}/close")
    @Operation(summary = "Close a questionnaire now", description = "Managers of its grid; answers are refused after.")
    QuestionnaireView close(@PathVariable long id) {
        return questionnaires.close(id);
    }

    @GetMapping(BASE + "/{id}/results")
    @Operation(summary = "The results", description = "Grid staff whose scope covers it: counts per option, a scale's "
            + "mean and distribution, text answers — with the respondent only when the questionnaire is named.")
    QuestionnaireResults results(@PathVariable long id) {
        return questionnaires.results(id);
    }

    @GetMapping(path = BASE + "/{id}/results/export", produces = { "text/csv", XLSX })
    @Operation(summary = "Export the results as CSV or .xlsx", description = "One row per option, scale value and "
            + "text answer (题号, 题目, 题型, 选项/分值/回答, 人数, 答题人). CSV in UTF-8 with a BOM; a cell that would "
            + "start a formula (=, +, -, @) is prefixed with '.")
    ResponseEntity<StreamingResponseBody> export(@PathVariable long id,
            @Parameter(description = "csv (default) or xlsx") @RequestParam(defaultValue = "csv") String format,
            HttpServletRequest request) {
        TableFormat table = TableFormat.of(format, "participation.export.format");
        String name = questionnaires.exportName(id);
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"" + name + "." + table.extension() + "\"")
            .contentType(MediaType.parseMediaType(table.mediaType()))
            .body(out -> questionnaires.export(id, table, out));
    }

    @GetMapping("/api/v1/public/participation/questionnaires/{token}")
    @Operation(summary = "A public questionnaire by its link", description = "No login: whoever holds the link's "
            + "token reads the questions.")
    QuestionnaireView byLink(@PathVariable String token) {
        return questionnaires.byLink(token);
    }

    @PostMapping("/api/v1/public/participation/questionnaires/{token}/responses")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Answer a public questionnaire by its link", description = "No login, no account: the "
            + "answer carries no respondent. Open days and answer checks as for people.")
    ResponseView answerByLink(@PathVariable String token, @Valid @RequestBody AnswersRequest request) {
        return questionnaires.answerByLink(token, answers(request));
    }

    private static List<AnswerSpec> answers(AnswersRequest request) {
        return request.answers() == null ? null : request.answers().stream().map(a -> a == null ? null
                : new AnswerSpec(a.questionId(), a.options(), a.value(), a.text())).toList();
    }
}
