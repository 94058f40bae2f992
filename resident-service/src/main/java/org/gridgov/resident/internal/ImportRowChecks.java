package org.gridgov.resident.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.scope.DataScope;
import org.springframework.stereotype.Component;

/**
 * The checks of a resident import that need one row only: identity (through {@link PersonRules}), dates, the micro
 * grid and the submitter's scope, relation, flags, tags and care level. Every row goes to the staging COPY batch: a
 * good one encrypted (ID number and phone, with their keyed hashes and masks), a bad one reported on the job and
 * staged with only its valid parts (the keyed hash of a valid ID number, a valid dwelling), so the set-based checks
 * find its duplicates in the same pass.
 */
@Component
class ImportRowChecks {

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyyMMdd"),
            DateTimeFormatter.ofPattern("yyyy.M.d"), DateTimeFormatter.ofPattern("yyyy-M-d"));

    private final PersonalDataCipher cipher;
    private final GridDirectory grids;

    ImportRowChecks(PersonalDataCipher cipher, GridDirectory grids) {
        this.cipher = cipher;
        this.grids = grids;
    }

    /** A micro grid as rows name it, resolved once per code. */
    record ResolvedGrid(long id, String path, long communityId, String communityPath, String problem) {
    }

    /**
     * Checks one row and appends it to the COPY batch — a bad one too, with null where its value was bad, so that the
     * set-based checks that follow see its valid parts (its ID number, its dwelling) in the same pass.
     *
     * @return whether the row passed every check of its own
     */
    boolean check(ImportJob job, int line, String[] cells, Map<String, Integer> indexes, StringBuilder batch) {
        int before = job.errorCount;
        String compoundCode = cell(cells, indexes, "compoundCode");
        String compoundName = cell(cells, indexes, "compoundName");
        String buildingCode = cell(cells, indexes, "buildingCode");
        String buildingName = cell(cells, indexes, "buildingName");
        String unit = cell(cells, indexes, "unit");
        String room = cell(cells, indexes, "room");
        String gridCode = cell(cells, indexes, "microGridCode");
        if (compoundCode == null || !compoundCode.matches("[0-9A-Za-z_-]{1,40}")) {
            job.error(line, "compoundCode", "resident.import.compound-code", "compoundCode: 1-40 letters, digits, - or _");
            compoundCode = null;
        }
        if (compoundName != null && compoundName.length() > 100) {
            job.error(line, "compoundName", "resident.import.too-long", "compoundName: at most 100 characters");
            compoundName = null;
        }
        if (buildingCode == null || buildingCode.length() > 40) {
            job.error(line, "buildingCode", "resident.import.building-code", "buildingCode is required (≤ 40)");
            buildingCode = null;
        }
        if (buildingName != null && buildingName.length() > 100) {
            job.error(line, "buildingName", "resident.import.too-long", "buildingName: at most 100 characters");
            buildingName = null;
        }
        boolean unitValid = unit == null || unit.length() <= 20;
        if (!unitValid) {
            job.error(line, "unit", "resident.import.too-long", "unit: at most 20 characters");
        }
        if (room == null || room.length() > 20) {
            job.error(line, "room", "resident.import.room", "room is required (≤ 20)");
            room = null;
        }
        ResolvedGrid grid = null;
        if (gridCode == null) {
            job.error(line, "microGridCode", "resident.import.grid-required",
                    "microGridCode is required: every dwelling lies in a micro grid");
        }
        else {
            grid = job.gridCache.computeIfAbsent(gridCode, code -> resolve(code, job.scope));
            if (grid.problem() != null) {
                job.error(line, "microGridCode", "resident.import.grid", grid.problem());
                grid = null;
            }
        }
        String name = cell(cells, indexes, "name");
        PersonRules.Person person = null;
        String[] identity = null;
        String relation = null;
        LocalDate movedIn = null;
        Boolean party = null;
        Boolean volunteer = null;
        String tags = null;
        String careLevel = null;
        String careReason = null;
        if (name != null) {
            LocalDate birth = null;
            String birthText = cell(cells, indexes, "birthDate");
            if (birthText != null) {
                birth = date(birthText);
                if (birth == null) {
                    job.error(line, "birthDate", "resident.import.date", "birthDate '" + birthText
                            + "' is not a date (yyyy-MM-dd)");
                }
            }
            PersonRules.Checked checked = PersonRules.check(name, cell(cells, indexes, "gender"), birth,
                    cell(cells, indexes, "idType"), cell(cells, indexes, "idNumber"), cell(cells, indexes, "phone"),
                    cell(cells, indexes, "ethnicity"), cell(cells, indexes, "populationType"), job.today);
            for (FieldViolation v : checked.violations()) {
                if (!(birthText != null && birth == null && v.field().equals("birthDate"))) {
                    job.error(line, v.field(), v.code(), v.message());
                }
            }
            person = checked.person();
            identity = person != null ? new String[] { person.idType(), person.idNumber() }
                    : PersonRules.identity(cell(cells, indexes, "idType"), cell(cells, indexes, "idNumber"),
                            job.today);
            String r = cell(cells, indexes, "relationToHead");
            if (r != null) {
                relation = relation(r);
                if (relation == null) {
                    job.error(line, "relationToHead", "resident.import.relation", "relationToHead must be one of "
                            + PersonRules.RELATIONS + " or 户主/配偶/子女/父母/租户/其他");
                }
            }
            String movedText = cell(cells, indexes, "movedIn");
            if (movedText != null) {
                movedIn = date(movedText);
                if (movedIn == null || movedIn.isAfter(job.today.plusDays(1))) {
                    job.error(line, "movedIn", "resident.import.date", "movedIn '" + movedText
                            + "' is not a date up to today");
                }
            }
            party = flag(job, line, "partyMember", cell(cells, indexes, "partyMember"));
            volunteer = flag(job, line, "volunteer", cell(cells, indexes, "volunteer"));
            String tagText = cell(cells, indexes, "tags");
            if (tagText != null) {
                List<String> codes = new ArrayList<>();
                for (String t : tagText.split("[;；、,，|]")) {
                    String code = t.strip().toUpperCase(Locale.ROOT);
                    if (code.isEmpty()) {
                        continue;
                    }
                    if (!job.knownTags.contains(code)) {
                        job.error(line, "tags", "resident.import.tag", "Unknown tag " + code);
                    }
                    else if (!codes.contains(code)) {
                        codes.add(code);
                    }
                }
                tags = codes.isEmpty() ? null : String.join(";", codes);
            }
            String careText = cell(cells, indexes, "careLevel");
            if (careText != null) {
                careLevel = careLevel(careText);
                if (careLevel == null) {
                    job.error(line, "careLevel", "resident.import.care-level",
                            "careLevel must be 红/黄/绿 or RED/YELLOW/GREEN");
                }
                careReason = cell(cells, indexes, "careReason");
                if (careReason != null && careReason.length() > 500) {
                    job.error(line, "careReason", "resident.import.too-long", "careReason: at most 500 characters");
                }
                else if (careReason == null) {
                    careReason = "导入时的关爱等级";
                }
            }
        }
        else if (cell(cells, indexes, "careLevel") != null) {
            job.error(line, "careLevel", "resident.import.care-level", "careLevel belongs to a resident: give a name");
        }
        boolean good = job.errorCount == before;
        // tab-separated COPY text format; personal data only encrypted; of a bad row only what was valid
        Object[] values = { job.id, line, compoundCode, compoundCode == null ? null
                : compoundName == null ? compoundCode : compoundName,
                grid == null ? null : grid.communityId(), grid == null ? null : grid.communityPath(), buildingCode,
                buildingCode == null ? null : buildingName == null ? buildingCode + "栋" : buildingName,
                unitValid ? unit == null ? "" : unit : null, room, grid == null ? null : grid.id(),
                grid == null ? null : grid.path(), person == null ? null : person.name(),
                person == null ? null : person.gender(), person == null ? null : person.birthDate(),
                identity == null ? null : identity[0],
                person == null ? null : cipher.encrypt(person.idNumber(), "id_number"),
                identity == null ? null : cipher.index(identity[1], "id_number"),
                person == null ? null : Masking.idNumber(person.idNumber()),
                person == null ? null : cipher.encrypt(person.phone(), "phone"),
                person == null ? null : cipher.index(person.phone(), "phone"),
                person == null ? null : Masking.phone(person.phone()), person == null ? null : person.ethnicity(),
                person == null ? null : person.populationType(), relation, movedIn, party, volunteer, tags,
                careLevel, careLevel == null ? null : careReason };
        StagingCopy.appendRow(batch, values);
        return good;
    }

    /** 红/黄/绿 (also 红色…) or RED/YELLOW/GREEN, else null. */
    static String careLevel(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "红", "红色", "RED" -> "RED";
            case "黄", "黄色", "YELLOW" -> "YELLOW";
            case "绿", "绿色", "GREEN" -> "GREEN";
            default -> null;
        };
    }

    private ResolvedGrid resolve(String code, DataScope scope) {
        Optional<GridNodeRef> grid = grids.byCode(code);
        if (grid.isEmpty()) {
            return new ResolvedGrid(0, null, 0, null, "No active grid " + code);
        }
        if (grid.get().type() != GridType.MICRO_GRID) {
            return new ResolvedGrid(0, null, 0, null, code + " is a " + grid.get().type()
                    + ": a dwelling lies in a MICRO_GRID");
        }
        String path = grids.pathOf(grid.get().id());
        if (!scope.covers(path)) {
            return new ResolvedGrid(0, null, 0, null, "No grid " + code + " in your scope");
        }
        GridNodeRef community = grids.chain(grid.get().id()).stream().filter(n -> n.type() == GridType.COMMUNITY)
            .findFirst().orElse(null);
        if (community == null) {
            return new ResolvedGrid(0, null, 0, null, code + " lies in no community");
        }
        return new ResolvedGrid(grid.get().id(), path, community.id(), grids.pathOf(community.id()), null);
    }

    static LocalDate date(String text) {
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10);
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(t, format);
            }
            catch (DateTimeParseException ex) {
                // try the next
            }
        }
        return null;
    }

    private static String relation(String text) {
        String r = switch (text.strip()) {
            case "户主", "本人" -> "HEAD";
            case "配偶", "妻", "夫" -> "SPOUSE";
            case "子女", "子", "女", "儿子", "女儿" -> "CHILD";
            case "父母", "父亲", "母亲" -> "PARENT";
            case "孙子女", "孙子", "孙女" -> "GRANDCHILD";
            case "祖父母" -> "GRANDPARENT";
            case "兄弟姐妹" -> "SIBLING";
            case "租户" -> "TENANT";
            case "其他" -> "OTHER";
            default -> text.strip().toUpperCase(Locale.ROOT);
        };
        return PersonRules.RELATIONS.contains(r) ? r : null;
    }

    private static Boolean flag(ImportJob job, int line, String field, String text) {
        if (text == null) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "是", "y", "yes", "true", "1" -> true;
            case "否", "n", "no", "false", "0" -> false;
            default -> {
                job.error(line, field, "resident.import.flag", field + " must be 是/否 (yes/no)");
                yield false;
            }
        };
    }

    private static String cell(String[] cells, Map<String, Integer> indexes, String key) {
        int i = indexes.get(key);
        if (i < 0 || i >= cells.length || cells[i] == null) {
            return null;
        }
        String value = cells[i].strip();
        return value.isEmpty() ? null : value;
    }
}
