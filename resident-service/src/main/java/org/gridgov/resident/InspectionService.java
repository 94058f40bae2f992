package org.gridgov.resident;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.event.IncidentRequested;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Safety inspections (安全排查): checklists as data, campaigns over a subtree, one filled checklist per dwelling and
 * campaign, each failed item a hazard that can be passed on as an incident; progress per grid.
 */
@Service
@Transactional(readOnly = true)
public class InspectionService {

    private static final TypeReference<List<ChecklistView.Item>> ITEMS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final HousingService housing;
    private final GridDirectory grids;
    private final DataScopeProvider scopes;
    private final CallerProvider callers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InspectionService(JdbcTemplate jdbc, JsonMapper json, HousingService housing, GridDirectory grids,
            DataScopeProvider scopes, CallerProvider callers, ApplicationEventPublisher events, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.housing = housing;
        this.grids = grids;
        this.scopes = scopes;
        this.callers = callers;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ---------------------------------------------------------------- checklists

    public List<ChecklistView> checklists() {
        return jdbc.query("select code, name, items::text, active from resident_checklist order by code",
                (rs, row) -> new ChecklistView(rs.getString(1), rs.getString(2), json.readValue(rs.getString(3), ITEMS),
                        rs.getBoolean(4)));
    }

    public ChecklistView checklist(String code) {
        return checklists().stream().filter(c -> c.code().equals(code)).findFirst()
            .orElseThrow(() -> DomainException.notFound("resident.checklist.not-found", "No checklist " + code));
    }

    @Transactional
    public ChecklistView defineChecklist(String code, String name, List<ChecklistView.Item> items, boolean active) {
        if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,39}")) {
            throw DomainException.invalidField("resident.checklist.code", "code", "code: A-Z, 0-9, _ (2-40)");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw DomainException.invalidField("resident.checklist.name", "name", "name is required (≤ 100)");
        }
        if (items == null || items.isEmpty() || items.size() > 100) {
            throw DomainException.invalidField("resident.checklist.items", "items", "1 to 100 items");
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            if (item == null || item.code() == null || !item.code().matches("[A-Z][A-Z0-9_]{1,39}")
                    || item.text() == null || item.text().isBlank() || seen.contains(item.code())) {
                throw DomainException.invalidField("resident.checklist.item", "items[" + i + "]",
                        "Each item needs a unique code (A-Z, 0-9, _) and a text");
            }
            seen.add(item.code());
        }
        jdbc.update("""
                insert into resident_checklist (code, name, items, active) values (?, ?, cast(? as jsonb), ?)
                on conflict (code) do update set name = excluded.name, items = excluded.items, active = excluded.active""",
                code, name.strip(), json.writeValueAsString(items), active);
        return checklist(code);
    }

    // ---------------------------------------------------------------- campaigns

    @Transactional
    public CampaignView createCampaign(String name, String checklistCode, Long nodeId, LocalDate startsOn,
            LocalDate endsOn) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw DomainException.invalidField("resident.campaign.name", "name", "name is required (≤ 100)");
        }
        if (checklistCode == null) {
            throw DomainException.invalidField("resident.campaign.checklist", "checklistCode", "checklistCode is required");
        }
        ChecklistView checklist;
        try {
            checklist = checklist(checklistCode);
        }
        catch (DomainException ex) {
            throw DomainException.ruleViolation("resident.campaign.checklist", "checklistCode",
                    "No checklist " + checklistCode);
        }
        if (!checklist.active()) {
            throw DomainException.ruleViolation("resident.campaign.checklist", "checklistCode", "The checklist is retired");
        }
        if (nodeId == null) {
            throw DomainException.invalidField("resident.campaign.node", "nodeId", "nodeId (the subtree) is required");
        }
        GridNodeRef node = housing.visibleGrid(nodeId, "nodeId");
        LocalDate from = startsOn == null ? LocalDate.now(clock) : startsOn;
        LocalDate to = endsOn == null ? from.plusDays(30) : endsOn;
        if (to.isBefore(from)) {
            throw DomainException.invalidField("resident.campaign.dates", "endsOn", "endsOn is before startsOn");
        }
        Long id = jdbc.queryForObject("""
                insert into resident_inspection_campaign (name, checklist_code, node_id, node_path, starts_on, ends_on,
                    created_by) values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, name.strip(), checklistCode,
                node.id(), grids.pathOf(node.id()), from, to, callers.current().username());
        return campaign(id);
    }

    /** Campaigns over a subtree that overlaps the caller's scope (covering it, or inside it). */
    public List<CampaignView> campaigns() {
        DataScope scope = scopes.current();
        return jdbc.queryForList("select id, node_path from resident_inspection_campaign order by starts_on desc, id desc")
            .stream()
            .filter(row -> scope.coversOrIsAbove((String) row.get("node_path")))
            .map(row -> campaign(((Number) row.get("id")).longValue()))
            .toList();
    }

    public CampaignView campaign(long id) {
        DataScope scope = scopes.current();
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select id, name, checklist_code, node_id, node_path, starts_on, ends_on
                  from resident_inspection_campaign where id = ?""", id);
        if (rows.isEmpty() || !scope.coversOrIsAbove((String) rows.get(0).get("node_path"))) {
            throw DomainException.notFound("resident.campaign.not-found", "No campaign " + id);
        }
        Map<String, Object> c = rows.get(0);
        // the campaign's dwellings that the caller may see
        SqlPredicate dwellings = PathRange.under((String) c.get("node_path")).sql("d.grid_path")
            .and(scope.sql("d.grid_path"));
        List<CampaignView.GridProgress> progress = jdbc.query("""
                select d.grid_id, count(*), count(i.id), coalesce(sum(i.failed_items), 0)
                  from resident_dwelling d
                  left join resident_inspection i on i.dwelling_id = d.id and i.campaign_id = ?
                 where\s""" + dwellings.sql() + " group by d.grid_id order by d.grid_id",
                (rs, row) -> new CampaignView.GridProgress(grids.byId(rs.getLong(1)).orElse(null), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4)), dwellings.argsAfter(id));
        return new CampaignView(id, (String) c.get("name"), (String) c.get("checklist_code"),
                grids.byId(((Number) c.get("node_id")).longValue()).orElse(null),
                ((java.sql.Date) c.get("starts_on")).toLocalDate(), ((java.sql.Date) c.get("ends_on")).toLocalDate(),
                progress.stream().mapToLong(CampaignView.GridProgress::dwellings).sum(),
                progress.stream().mapToLong(CampaignView.GridProgress::inspected).sum(),
                progress.stream().mapToLong(CampaignView.GridProgress::hazards).sum(), progress);
    }

    // ---------------------------------------------------------------- inspections and hazards

    /** One result of a filled checklist. */
    public record ItemResult(@Schema(example = "HOSE_AGE") String itemCode, @Schema(example = "false") Boolean passed,
            @Schema(example = "软管已使用6年，建议更换") String note) {
    }

    /**
     * A grid worker's filled checklist for one dwelling: every item answered; each failed item becomes a hazard,
     * passed on as an incident at once when {@code openIncidents}.
     */
    @Transactional
    public List<HazardView> inspect(long campaignId, Long dwellingId, List<ItemResult> results, boolean openIncidents,
            String incidentCategory) {
        CampaignView campaign = campaign(campaignId);
        if (dwellingId == null) {
            throw DomainException.invalidField("resident.inspection.dwelling", "dwellingId", "dwellingId is required");
        }
        DwellingView dwelling;
        try {
            dwelling = housing.dwelling(dwellingId);
        }
        catch (DomainException ex) {
            throw DomainException.ruleViolation("resident.inspection.dwelling", "dwellingId",
                    "No dwelling " + dwellingId + " in your scope");
        }
        String dwellingPath = grids.pathOf(dwelling.grid().id());
        if (!dwellingPath.startsWith(grids.pathOf(campaign.node().id()))) {
            throw DomainException.ruleViolation("resident.inspection.outside-campaign", "dwellingId",
                    "The dwelling is not in the campaign's part of the tree");
        }
        LocalDate today = LocalDate.now(clock);
        if (today.isBefore(campaign.startsOn()) || today.isAfter(campaign.endsOn())) {
            throw DomainException.ruleViolation("resident.inspection.closed", null,
                    "The campaign runs from " + campaign.startsOn() + " to " + campaign.endsOn());
        }
        ChecklistView checklist = checklist(campaign.checklistCode());
        Map<String, ItemResult> byCode = new LinkedHashMap<>();
        List<FieldViolation> violations = new ArrayList<>();
        List<ItemResult> given = results == null ? List.of() : results;
        for (int i = 0; i < given.size(); i++) {
            ItemResult r = given.get(i);
            if (r == null || r.itemCode() == null || r.passed() == null
                    || checklist.items().stream().noneMatch(item -> item.code().equals(r.itemCode()))) {
                violations.add(new FieldViolation("results[" + i + "]", "resident.inspection.item",
                        "itemCode must be an item of " + checklist.code() + ", with passed true or false"));
            }
            else {
                byCode.put(r.itemCode(), r);
            }
        }
        for (ChecklistView.Item item : checklist.items()) {
            if (!byCode.containsKey(item.code()) && violations.isEmpty()) {
                violations.add(new FieldViolation("results", "resident.inspection.unanswered",
                        "Item " + item.code() + " (" + item.text() + ") is not answered"));
            }
        }
        if (!violations.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.inspection.invalid",
                    "The checklist is not filled in completely", violations);
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        byCode.forEach((code, r) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("passed", r.passed());
            one.put("note", r.note());
            stored.put(code, one);
        });
        long failed = byCode.values().stream().filter(r -> !r.passed()).count();
        Caller caller = callers.current();
        Long inspectionId;
        try {
            inspectionId = jdbc.queryForObject("""
                    insert into resident_inspection (campaign_id, dwelling_id, grid_id, grid_path, inspector, results,
                        failed_items) values (?, ?, ?, ?, ?, cast(? as jsonb), ?) returning id""", Long.class,
                    campaignId, dwellingId, dwelling.grid().id(), dwellingPath, caller.username(),
                    json.writeValueAsString(stored), failed);
        }
        catch (DuplicateKeyException ex) {
            throw DomainException.conflict("resident.inspection.done", "This dwelling is already inspected in the campaign");
        }
        for (ChecklistView.Item item : checklist.items()) {
            ItemResult r = byCode.get(item.code());
            if (r.passed()) {
                continue;
            }
            String description = item.text() + " — 不合格" + (r.note() == null || r.note().isBlank() ? ""
                    : "：" + r.note().strip());
            Long hazardId = jdbc.queryForObject("""
                    insert into resident_hazard (inspection_id, campaign_id, dwelling_id, grid_id, grid_path, item_code,
                        description) values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, inspectionId, campaignId,
                    dwellingId, dwelling.grid().id(), dwellingPath, item.code(), description);
            if (openIncidents) {
                requestIncident(hazardId, incidentCategory);
            }
        }
        return hazards(campaignId, null);
    }

    /** Hazards the caller may see, optionally of one campaign and status. */
    public List<HazardView> hazards(Long campaignId, String status) {
        SqlPredicate visible = scopes.current().sql("h.grid_path");
        List<Object> args = new ArrayList<>(visible.args());
        String where = " where " + visible.sql();
        if (campaignId != null) {
            where += " and h.campaign_id = ?";
            args.add(campaignId);
        }
        if (status != null && !status.isBlank()) {
            where += " and h.status = ?";
            args.add(status.strip());
        }
        return jdbc.query("select h.id, h.campaign_id, h.dwelling_id, h.item_code, h.description, h.status, h.created_at "
                + "from resident_hazard h" + where + " order by h.id desc limit 500", (rs, row) -> new HazardView(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), null, rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant()), args.toArray());
    }

    /** Passes a hazard on as an incident (once: a second request changes nothing). */
    @Transactional
    public HazardView requestIncident(long hazardId, String category) {
        DataScope scope = scopes.current();
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select h.id, h.grid_id, h.grid_path, h.description, h.status, h.dwelling_id from resident_hazard h
                 where h.id = ? for update""", hazardId);
        if (rows.isEmpty() || !scope.covers((String) rows.get(0).get("grid_path"))) {
            throw DomainException.notFound("resident.hazard.not-found", "No hazard " + hazardId);
        }
        Map<String, Object> h = rows.get(0);
        if ("OPEN".equals(h.get("status"))) {
            UUID key = UUID.randomUUID();
            jdbc.update("update resident_hazard set status = 'INCIDENT_REQUESTED', incident_request_key = ? where id = ?",
                    key, hazardId);
            Caller caller = callers.current();
            long dwellingId = ((Number) h.get("dwelling_id")).longValue();
            // the dwelling travels as a reference, never its address: integrators and departments read incidents
            events.publishEvent(new IncidentRequested(key, "SAFETY_INSPECTION",
                    category == null || category.isBlank() ? "GAS_HAZARD" : category.strip(),
                    "安全排查隐患：" + h.get("description"), ((Number) h.get("grid_id")).longValue(), null, null,
                    caller.accountId(), caller.username(), caller.role(), caller.scopeNodeId(), clock.instant(), null,
                    dwellingId));
        }
        return jdbc.queryForObject("select h.id, h.campaign_id, h.dwelling_id, h.item_code, h.description, h.status, "
                + "h.created_at from resident_hazard h where h.id = ?", (rs, row) -> new HazardView(rs.getLong(1),
                        rs.getLong(2), rs.getLong(3), null, rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant()), hazardId);
    }
}
