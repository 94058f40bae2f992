package org.gridgov.incident.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.gridgov.grid.CoordSystem;
import org.gridgov.incident.ExternalRef;
import org.gridgov.incident.IncidentContact;
import org.gridgov.incident.IncidentContacts;
import org.gridgov.incident.IncidentPage;
import org.gridgov.incident.Satisfaction;
import org.gridgov.incident.IncidentPhotos;
import org.gridgov.incident.IncidentQueries;
import org.gridgov.incident.IncidentIntake;
import org.gridgov.incident.IncidentSource;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.IncidentTriage;
import org.gridgov.incident.IncidentView;
import org.gridgov.incident.IncidentWhistle;
import org.gridgov.incident.IncidentWorkflow;
import org.gridgov.incident.PhotoView;
import org.gridgov.incident.ReportIncidentCommand;
import org.gridgov.incident.ReportResult;
import org.gridgov.incident.TimelineView;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.web.ETags;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Incidents over REST: report, follow, and the moves of the lifecycle. */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents", description = "随手报 → the grid's worker → escalation, whistle and check-in → rated and closed")
class IncidentController {

    private final IncidentIntake intake;
    private final IncidentQueries queries;
    private final IncidentWorkflow workflow;
    private final IncidentWhistle whistle;
    private final IncidentPhotos photos;
    private final org.gridgov.incident.IncidentSupervision supervision;
    private final IncidentContacts contacts;
    private final IncidentTriage triage;

    IncidentController(IncidentIntake intake, IncidentQueries queries, IncidentWorkflow workflow,
            IncidentWhistle whistle, IncidentPhotos photos, org.gridgov.incident.IncidentSupervision supervision,
            IncidentContacts contacts, IncidentTriage triage) {
        this.contacts = contacts;
        this.triage = triage;
        this.supervision = supervision;
        this.intake = intake;
        this.queries = queries;
        this.workflow = workflow;
        this.whistle = whistle;
        this.photos = photos;
    }

    record ReportRequest(
            @Size(max = 40) @Schema(description = "an incident category code; may be left out when an externalRef "
                    + "and the sender's externalCategory are given (mapped by the source's mapping table)",
                    example = "ENVIRONMENT")
            String category,
            @Schema(description = "default RESIDENT_REPORT; PHONE (电话) and HOTLINE (热线) are a resident's call taken "
                    + "by grid staff, with the caller's contact", example = "RESIDENT_REPORT") IncidentSource source,
            @NotBlank @Size(max = 4000) @Schema(example = "三义桥社区3栋楼下垃圾堆放多日无人清运，有异味")
            String description,
            @Min(-90) @Max(90) @Schema(example = "30.5716") Double lat,
            @Min(-180) @Max(180) @Schema(example = "103.9322") Double lng,
            @Schema(description = "datum of lat/lng; default WGS84", example = "GCJ02") CoordSystem coordSystem,
            @Size(max = 32) @Schema(description = "the grid, when no point is given", example = "510116001003G01M01")
            String gridCode,
            @Schema(description = "hide the reporter from the staff", example = "false") Boolean anonymous,
            @Size(max = 64) @Pattern(regexp = "[0-9A-Za-z_:.-]+", message = "letters, digits and _:.-")
            @Schema(description = "the reporting phone or sensor, for duplicate detection", example = "app:7f3c2a91")
            String deviceId,
            @Valid @Schema(description = "the sending system's ticket (source EXTERNAL only): unique per source, a "
                    + "repeat answers 409 naming the incident") ExternalRefRequest externalRef,
            @Size(max = 40) @Schema(description = "the sender's category code (12345 诉求类型), mapped to ours by the "
                    + "externalRef source's mapping table; unmapped: TRIAGE and needsTriage", example = "0301")
            String externalCategory,
            @Valid @Schema(description = "the caller's contact, kept for the call-back: encrypted, masked in answers, "
                    + "in full only by an audited reveal") ContactRequest contact) {
    }

    record ExternalRefRequest(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "upper-case letters, digits, '_'")
            @Schema(description = "the sending system", example = "HOTLINE_12345") String source,
            @NotBlank @Size(max = 64) @Schema(description = "its ticket number", example = "GD20261205000123")
            String ticket) {
    }

    record ContactRequest(
            @Size(max = 50) @Schema(description = "the caller's name", example = "李明") String name,
            @Size(max = 32) @Pattern(regexp = "[+0-9 ()-]{3,32}", message = "digits, spaces, + ( ) -")
            @Schema(description = "the caller's phone, for the call-back", example = "13800138000") String phone,
            @Size(max = 254) @jakarta.validation.constraints.Email @Schema(example = "li.ming@example.org")
            String email) {
    }

    record NoteRequest(@Size(max = 2000) @Schema(example = "已到现场核实，联系物业今天下午清运") String note) {
    }

    record ReasonRequest(@NotBlank @Size(max = 1000) @Schema(example = "燃气管道老化漏气，需燃气公司和街道协调处置")
            String reason) {
    }

    record WhistleRequest(
            @NotEmpty @Size(max = 20) @Schema(description = "ids of the departments summoned", example = "[1, 2]")
            List<@NotNull Long> departmentIds,
            @Size(max = 2000) @Schema(example = "请燃气公司东升服务站、街道住建办今日到场处置") String note) {
    }

    record ReportActionRequest(@NotBlank @Size(max = 2000) @Schema(example = "已关闭阀门并更换老化管段，复测无泄漏")
            String report) {
    }

    record RateRequest(@NotNull @Min(1) @Max(5) @Schema(description = "3–5 closes, 1–2 reopens", example = "5")
            Integer rating,
            @Size(max = 500) @Schema(example = "处理很及时，谢谢网格员") String comment) {
    }

    record MergeRequest(@NotNull @Schema(description = "id of the incident this one duplicates", example = "1024")
            Long intoId,
            @Schema(description = "merge into another category (community worker and above, with a reason)")
            Boolean override,
            @Size(max = 500) @Schema(example = "同一处燃气泄漏引发的噪音投诉") String reason) {
    }

    @PostMapping
    // named explicitly: generated clients call it report(), whatever other modules name their handlers
    @Operation(operationId = "report", summary = "Report an incident (随手报)", description = "Located (lat/lng in coordSystem, or gridCode) and "
            + "assigned to the worker of the grid serving the spot. Idempotency-Key is REQUIRED: a retry with the same "
            + "key returns the first incident. The answer carries the tracking code and open reports of the same "
            + "category nearby (possibleDuplicates). A point outside every grid is accepted, flagged outsideGrid and "
            + "routed to the intake grid. **Hotline intake** (source EXTERNAL): `externalRef` {source, ticket} is "
            + "unique per source — the same ticket under another Idempotency-Key answers 409 "
            + "`incident.external-ref-taken` naming the incident; `externalCategory` (their 诉求类型) is mapped by the "
            + "source's table (unmapped: category TRIAGE, `needsTriage` true); `contact` is the caller's name and "
            + "phone for the call-back, kept encrypted and answered masked.")
    ResponseEntity<ReportResult> report(@Valid @RequestBody ReportRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw DomainException.invalidField("incident.idempotency-key-required", "Idempotency-Key",
                    "Send an Idempotency-Key header (a UUID) so a retry never reports twice");
        }
        ContactRequest contact = request.contact();
        ReportResult result = intake.report(new ReportIncidentCommand(request.category(),
                request.source() == null ? IncidentSource.RESIDENT_REPORT : request.source(), request.description(),
                request.lat(), request.lng(), request.coordSystem(), request.gridCode(),
                Boolean.TRUE.equals(request.anonymous()), request.deviceId(),
                request.externalRef() == null ? null
                        : new ExternalRef(request.externalRef().source(), request.externalRef().ticket()),
                request.externalCategory(), contact == null ? null
                        : new IncidentContact(contact.name(), null, null, contact.phone(), contact.email(), null)),
                idempotencyKey.trim());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + result.incident().id()))
            .eTag(ETags.of(result.incident().version())).body(result);
    }

    @GetMapping
    @Operation(summary = "Incidents I may see", description = "Newest first; filters by state, category, source, "
            + "overdue. `queue=true`: my work — open incidents held inside my scope (departments: those they were "
            + "summoned to), due soonest first. **Change feed** (polling without webhooks): with `updatedSince` "
            + "and/or `cursor` the list answers the incidents changed at or after `updatedSince`, oldest change "
            + "first by (`updatedAt`, `id`), `size` at a time, and `nextCursor`; pass it back as `cursor` to continue "
            + "— no change is skipped or repeated even when many share an `updatedAt`. An answer with no items keeps "
            + "the cursor: poll again later with it. `page` is ignored in the feed; `If-None-Match` answers 304 "
            + "when nothing changed. A hotline finds its tickets with `externalSource` (and `externalTicket`); "
            + "`needsTriage=true` lists reports whose sender's category had no mapping.")
    IncidentPage list(@RequestParam(required = false) IncidentState state,
            @RequestParam(required = false) @Size(max = 40) String category,
            @RequestParam(required = false) IncidentSource source, @RequestParam(required = false) Boolean overdue,
            @RequestParam(defaultValue = "false") boolean queue,
            @RequestParam(required = false) @Parameter(description = "change feed: incidents changed at or after "
                    + "this instant (ISO-8601, e.g. 2026-12-05T08:00:00Z)") Instant updatedSince,
            @RequestParam(required = false) @Size(min = 1, max = 200) @Parameter(description = "change feed: the "
                    + "nextCursor of the previous answer") String cursor,
            @RequestParam(required = false) @Size(max = 40) @Parameter(description = "the sending system of "
                    + "externalRef", example = "HOTLINE_12345") String externalSource,
            @RequestParam(required = false) @Size(max = 64) @Parameter(description = "its ticket number (with "
                    + "externalSource)", example = "GD20261205000123") String externalTicket,
            @RequestParam(required = false) @Parameter(description = "true: only reports whose sender's category "
                    + "code had no mapping (waiting in TRIAGE)") Boolean needsTriage,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.list(state, category, overdue, source, queue,
                new IncidentQueries.Sent(externalSource, externalTicket, needsTriage), updatedSince, cursor, page,
                size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an incident", description = "With its ETag, deadlines and the moves allowed to me now.")
    ResponseEntity<IncidentView> get(@PathVariable long id) {
        IncidentView view = queries.get(id);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping("/by-tracking-code/{code}")
    @Operation(summary = "Follow a report by its tracking code", description = "For the reporter and the staff who "
            + "may see it.")
    IncidentView byTrackingCode(@PathVariable @Size(max = 20) String code) {
        return queries.byTrackingCode(code);
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "Timeline", description = "Every move: who, when, from which state to which, at which grid, "
            + "with the note. Nobody can edit or delete it.")
    List<TimelineView> timeline(@PathVariable long id) {
        return queries.timeline(id);
    }

    @PostMapping("/{id}/accept")
    @Operation(summary = "Accept (受理)", description = "By staff of the holding level. Requires If-Match.")
    ResponseEntity<IncidentView> accept(@PathVariable long id, @Valid @RequestBody(required = false) NoteRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(workflow.accept(id, ETags.requireVersion(ifMatch), note(body)));
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Start work", description = "ACCEPTED → IN_PROGRESS. Requires If-Match.")
    ResponseEntity<IncidentView> start(@PathVariable long id, @Valid @RequestBody(required = false) NoteRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(workflow.start(id, ETags.requireVersion(ifMatch), note(body)));
    }

    @PostMapping("/{id}/progress")
    @Operation(summary = "Add a progress note", description = "The state stays. Requires If-Match.")
    ResponseEntity<IncidentView> progress(@PathVariable long id, @Valid @RequestBody NoteRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(workflow.note(id, ETags.requireVersion(ifMatch), note(body)));
    }

    @PostMapping("/{id}/escalate")
    @Operation(summary = "Escalate (上报)", description = "One level up: micro → general → community → street. "
            + "Requires If-Match.")
    ResponseEntity<IncidentView> escalate(@PathVariable long id, @Valid @RequestBody ReasonRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(workflow.escalate(id, ETags.requireVersion(ifMatch), body.reason()));
    }

    @PostMapping("/{id}/whistle")
    @Operation(summary = "Blow the whistle (吹哨)", description = "At street level: summon departments of the street "
            + "and its district; each must check in (报到) by its deadline. Requires If-Match.")
    ResponseEntity<IncidentView> whistle(@PathVariable long id, @Valid @RequestBody WhistleRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(whistle.whistle(id, ETags.requireVersion(ifMatch), body.departmentIds(), body.note()));
    }

    @PostMapping("/{id}/check-in")
    @Operation(summary = "Check in (报到)", description = "By staff of a summoned department.")
    IncidentView checkIn(@PathVariable long id, @Valid @RequestBody(required = false) NoteRequest body) {
        return whistle.checkIn(id, note(body));
    }

    @PostMapping("/{id}/department-report")
    @Operation(summary = "Report the department's action", description = "After checking in.")
    IncidentView departmentReport(@PathVariable long id, @Valid @RequestBody ReportActionRequest body) {
        return whistle.reportAction(id, body.report());
    }

    @PostMapping("/{id}/resolve")
    @Operation(summary = "Resolve (办结)", description = "The reporter is asked to rate. Requires If-Match.")
    ResponseEntity<IncidentView> resolve(@PathVariable long id, @Valid @RequestBody NoteRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        workflow.resolve(id, ETags.requireVersion(ifMatch), note(body));
        // resolving records the resolver after the move, a second version: answer the stored one, so the next
        // If-Match (the rating, a reopen) is not refused as stale
        return withEtag(queries.get(id));
    }

    record QuestionRequest(@NotBlank @Size(max = 1000) @Schema(example = "请告知具体楼栋和门牌号，并补拍一张现场照片")
            String question) {
    }

    record ReplyRequest(@NotBlank @Size(max = 2000) @Schema(example = "3 栋 2 单元 501 门口，照片已上传") String text) {
    }

    @PostMapping("/{id}/ask-reporter")
    @Operation(summary = "Ask the reporter for information", description = "The incident waits for its reporter "
            + "(AWAITING_INFO) and its deadline clock pauses; the reporter is notified. Needs If-Match.")
    ResponseEntity<IncidentView> askReporter(@PathVariable long id, @Valid @RequestBody QuestionRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return withEtag(workflow.askReporter(id, ETags.requireVersion(ifMatch), body.question()));
    }

    @PostMapping("/{id}/reply")
    @Operation(summary = "Answer as the reporter", description = "Only the incident's reporter, while it waits for "
            + "them: work goes on (IN_PROGRESS) and the resolution deadline moves by the time spent waiting.")
    ResponseEntity<IncidentView> reply(@PathVariable long id, @Valid @RequestBody ReplyRequest body) {
        return withEtag(workflow.reply(id, body.text()));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Go on without the reporter's answer", description = "Ends the wait: work goes on "
            + "(IN_PROGRESS) and the deadline moves by the time spent waiting. Needs If-Match.")
    ResponseEntity<IncidentView> resume(@PathVariable long id, @Valid @RequestBody NoteRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return withEtag(workflow.resume(id, ETags.requireVersion(ifMatch), body.note()));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject", description = "Not a matter for the platform; the reporter sees the reason. "
            + "Requires If-Match.")
    ResponseEntity<IncidentView> reject(@PathVariable long id, @Valid @RequestBody ReasonRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(workflow.reject(id, ETags.requireVersion(ifMatch), body.reason()));
    }

    @PostMapping("/{id}/merge")
    @Operation(summary = "Merge into another report", description = "Of the same problem; this reporter follows the "
            + "surviving incident. Requires If-Match.")
    ResponseEntity<IncidentView> merge(@PathVariable long id, @Valid @RequestBody MergeRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(workflow.merge(id, ETags.requireVersion(ifMatch), body.intoId(),
                Boolean.TRUE.equals(body.override()), body.reason()));
    }

    record SuperviseRequest(@NotNull @Schema(description = "resolve by", example = "2026-12-08T10:00:00Z")
            java.time.Instant dueAt, @Size(max = 1000) String note) {
    }

    record UrgeRequest(@Size(max = 1000) @Schema(example = "群众反映强烈，请尽快处理") String note) {
    }

    record ReassignRequest(@NotNull @Schema(description = "the grid that takes it over", example = "42") Long gridId,
            @NotBlank @Size(max = 1000) @Schema(example = "位置属于第2微网格") String reason) {
    }

    @PostMapping("/{id}/supervise")
    @Operation(summary = "Supervise (督办)", description = "A level above the holder — or the hotline (integrator "
            + "client) that sent the incident — marks it to be resolved by `dueAt`; the holder is notified. "
            + "If-Match required.")
    ResponseEntity<IncidentView> supervise(@PathVariable long id, @Valid @RequestBody SuperviseRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(supervision.supervise(id, ETags.requireVersion(ifMatch), body.dueAt(), body.note()));
    }

    @PostMapping("/{id}/urge")
    @Operation(summary = "Urge (催办)", description = "The reporter or a level above presses the holder, who is "
            + "notified.")
    ResponseEntity<IncidentView> urge(@PathVariable long id, @Valid @RequestBody(required = false) UrgeRequest body) {
        return withEtag(supervision.urge(id, body == null ? null : body.note()));
    }

    @PostMapping("/{id}/reassign")
    @Operation(summary = "Reassign (改派)", description = "A community worker or above hands it to another grid in "
            + "their scope, with a reason; it is accepted there anew. If-Match required.")
    ResponseEntity<IncidentView> reassign(@PathVariable long id, @Valid @RequestBody ReassignRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(supervision.reassign(id, ETags.requireVersion(ifMatch), body.gridId(), body.reason()));
    }

    record ExtendRequest(@NotNull @Schema(description = "the new resolution deadline, later than the current one",
            example = "2026-12-12T10:00:00Z") java.time.Instant resolveBy,
            @NotBlank @Size(max = 1000) @Schema(example = "需协调燃气公司停气检修，申请延期") String reason) {
    }

    record SatisfactionRequest(@NotNull @Schema(description = "SATISFIED (满意) = 5 stars, BASICALLY_SATISFIED (基本满意) "
            + "= 3, DISSATISFIED (不满意) = 1", example = "SATISFIED") Satisfaction level,
            @Size(max = 500) @Schema(example = "回访群众表示满意") String comment) {
    }

    record ContactRevealRequest(@NotBlank @Schema(description = "NAME, FIRST_NAME, LAST_NAME, PHONE, EMAIL or "
            + "DEVICE_ID", example = "PHONE") String field,
            @NotBlank @Size(min = 2, max = 500) @Schema(example = "回访来电人") String reason) {
    }

    record ClassifyRequest(@NotBlank @Size(max = 40) @Schema(description = "the incident's real category",
            example = "ENVIRONMENT") String category,
            @Size(max = 1000) @Schema(example = "按来电内容归入环境卫生") String note) {
    }

    @PostMapping("/{id}/classify")
    @Operation(summary = "Classify a report waiting for triage (分类)", description = "Grid staff holding an incident "
            + "flagged needsTriage (its sender's category code had no mapping) give it its category; the flag clears, "
            + "the deadlines stay, the timeline shows CLASSIFY. 409 when it does not wait for triage. If-Match "
            + "required.")
    ResponseEntity<IncidentView> classify(@PathVariable long id, @Valid @RequestBody ClassifyRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(triage.classify(id, ETags.requireVersion(ifMatch), body.category(), body.note()));
    }

    @PostMapping("/{id}/extend")
    @Operation(summary = "Extend the deadline (延期)", description = "A level above the holder — or the hotline "
            + "(integrator client) that sent the incident — moves the resolution deadline to `resolveBy`, later than "
            + "it is, with a reason; the holder is told and the timeline shows EXTEND. If-Match required.")
    ResponseEntity<IncidentView> extend(@PathVariable long id, @Valid @RequestBody ExtendRequest body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(supervision.extend(id, ETags.requireVersion(ifMatch), body.resolveBy(), body.reason()));
    }

    @PostMapping("/{id}/satisfaction")
    @Operation(summary = "Three-level satisfaction (满意度)", description = "A hotline's return visit, by the "
            + "reporter (the hotline's client) of a resolved incident: SATISFIED → 5 stars, BASICALLY_SATISFIED → 3 "
            + "(both close it), DISSATISFIED → 1 (reopens it), exactly as a rating of those stars.")
    IncidentView satisfaction(@PathVariable long id, @Valid @RequestBody SatisfactionRequest body) {
        return workflow.rate(id, body.level().stars(), body.comment());
    }

    @PostMapping("/{id}/contact/reveal")
    @Operation(summary = "Reveal the caller's contact", description = "One field in full, with a reason, for the "
            + "contact's holders: the reporter that sent it and grid staff whose scope covers the incident (not for "
            + "an anonymous report). Every reveal is in the audit log (PERSONAL_DATA_REVEALED).")
    IncidentContacts.RevealedContact revealContact(@PathVariable long id,
            @Valid @RequestBody ContactRevealRequest body) {
        return contacts.reveal(id, body.field(), body.reason());
    }

    @PostMapping("/{id}/rating")
    @Operation(summary = "Rate the result (评价)", description = "By the reporter: 3–5 closes it; 1–2 reopens it (a "
            + "second time: at the community).")
    IncidentView rate(@PathVariable long id, @Valid @RequestBody RateRequest body) {
        return workflow.rate(id, body.rating(), body.comment());
    }

    private static final String PHOTO_PART = "The photo: JPEG, PNG, WebP or HEIC, at most 10 MB by default";

    @PostMapping(path = "/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Add a photo", description = "Multipart `file`: JPEG, PNG, WebP or HEIC, judged by content "
            + "(415 otherwise), at most 10 MB by default (413). EXIF — with the GPS position — is removed from JPEG, "
            + "PNG and WebP before storing. Anyone who may see the open incident may add one.")
    ResponseEntity<PhotoView> addPhoto(@PathVariable long id,
            @Parameter(description = PHOTO_PART,
                    schema = @Schema(type = "string", format = "binary", description = PHOTO_PART))
            @RequestPart("file") MultipartFile file)
            throws java.io.IOException {
        PhotoView photo = photos.add(id, file.getBytes());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + id + "/photos/" + photo.id())).body(photo);
    }

    @GetMapping("/{id}/photos")
    @Operation(summary = "Photos of an incident", description = "Residents see only photos without metadata.")
    List<PhotoView> photos(@PathVariable long id) {
        return photos.list(id);
    }

    @GetMapping("/{id}/photos/{photoId}")
    @Operation(summary = "Download a photo", description = "The stored image (metadata removed where the format "
            + "allows; HEIC originals are for staff only).")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        IncidentPhotos.Photo photo = photos.content(id, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.mediaType()))
            .header("X-Content-Type-Options", "nosniff").body(photo.content());
    }

    private static String note(NoteRequest body) {
        return body == null ? null : body.note();
    }

    private static ResponseEntity<IncidentView> withEtag(IncidentView view) {
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }
}
