package org.gridgov.resident.internal;

import org.gridgov.resident.IdNumbers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.gridgov.shared.FieldViolation;

/**
 * The checks every resident record passes, whether typed in, sent by the app or imported: required fields, a valid
 * resident ID number (GB 11643 check digit, a real birth date) that agrees with the given birth date and gender,
 * a plausible phone. Produces the normalised values or the violations, never half of each.
 */
public final class PersonRules {

    public static final Set<String> ID_TYPES = Set.of("RESIDENT_ID", "PASSPORT", "HK_MACAO_PERMIT", "TAIWAN_PERMIT",
            "FOREIGN_PERMANENT", "OTHER");
    public static final Set<String> POPULATION_TYPES = Set.of("REGISTERED", "FLOATING");
    public static final Set<String> RELATIONS = Set.of("HEAD", "SPOUSE", "CHILD", "PARENT", "GRANDCHILD",
            "GRANDPARENT", "SIBLING", "OTHER_RELATIVE", "TENANT", "OTHER");

    private PersonRules() {
    }

    /** A checked resident. */
    public record Person(String name, String gender, LocalDate birthDate, String idType, String idNumber,
            String phone, String ethnicity, String populationType) {
    }

    /** The outcome: {@code person} when {@code violations} is empty. */
    public record Checked(Person person, List<FieldViolation> violations) {
    }

    /**
     * The normalised identity of a row (ID type and number) when that part of it is valid on its own, else null: an
     * import checks a bad row's ID number for duplicates too, in the same pass.
     */
    public static String[] identity(String idType, String idNumber, LocalDate today) {
        String type = idType == null || idType.isBlank() ? "RESIDENT_ID" : idType.strip().toUpperCase(Locale.ROOT);
        String id = IdNumbers.normalise(idNumber);
        if (!ID_TYPES.contains(type) || id == null || id.isEmpty()) {
            return null;
        }
        boolean valid = type.equals("RESIDENT_ID") ? IdNumbers.problem(id, today) == null
                : id.length() <= 30 && id.matches("[0-9A-Z()-]+");
        return valid ? new String[] { type, id } : null;
    }

    public static Checked check(String name, String gender, LocalDate birthDate, String idType, String idNumber,
            String phone, String ethnicity, String populationType, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 50) {
            violations.add(new FieldViolation("name", "resident.name.invalid", "name is required, at most 50 characters"));
        }
        String type = idType == null || idType.isBlank() ? "RESIDENT_ID" : idType.strip().toUpperCase(Locale.ROOT);
        if (!ID_TYPES.contains(type)) {
            violations.add(new FieldViolation("idType", "resident.id-type.invalid", "idType must be one of " + ID_TYPES));
        }
        String id = IdNumbers.normalise(idNumber);
        String genderValue = gender == null || gender.isBlank() ? null : gender.strip().toUpperCase(Locale.ROOT);
        if (genderValue != null) {
            genderValue = switch (genderValue) {
                case "男", "M" -> "MALE";
                case "女", "F" -> "FEMALE";
                default -> genderValue;
            };
            if (!genderValue.equals("MALE") && !genderValue.equals("FEMALE")) {
                violations.add(new FieldViolation("gender", "resident.gender.invalid", "gender must be MALE or FEMALE"));
            }
        }
        LocalDate birth = birthDate;
        if (id == null || id.isEmpty()) {
            violations.add(new FieldViolation("idNumber", "resident.id-number.required", "idNumber is required"));
        }
        else if (type.equals("RESIDENT_ID")) {
            String problem = IdNumbers.problem(id, today);
            if (problem != null) {
                violations.add(new FieldViolation("idNumber", "resident.id-number.invalid", "idNumber " + problem));
            }
            else {
                LocalDate written = IdNumbers.birthDate(id);
                if (birth != null && !birth.equals(written)) {
                    violations.add(new FieldViolation("birthDate", "resident.birth-date.mismatch",
                            "birthDate " + birth + " does not match the ID number (" + written + ")"));
                }
                birth = written;
                String writtenGender = IdNumbers.gender(id);
                if (genderValue != null && !genderValue.equals(writtenGender)) {
                    violations.add(new FieldViolation("gender", "resident.gender.mismatch",
                            "gender does not match the ID number"));
                }
                genderValue = writtenGender;
            }
        }
        else if (id.length() > 30 || !id.matches("[0-9A-Z()-]+")) {
            violations.add(new FieldViolation("idNumber", "resident.id-number.invalid",
                    "idNumber must be at most 30 letters and digits"));
        }
        if (birth == null) {
            violations.add(new FieldViolation("birthDate", "resident.birth-date.required", "birthDate is required"));
        }
        else if (birth.isAfter(today) || birth.getYear() < 1880) {
            violations.add(new FieldViolation("birthDate", "resident.birth-date.impossible",
                    "birthDate must lie between 1880 and today"));
        }
        if (genderValue == null && violations.stream().noneMatch(v -> v.field().equals("gender"))) {
            violations.add(new FieldViolation("gender", "resident.gender.required", "gender is required"));
        }
        String cleanPhone = Masking.normalisePhone(phone);
        if (cleanPhone != null && !cleanPhone.matches("\\+?\\d{7,15}")) {
            violations.add(new FieldViolation("phone", "resident.phone.invalid", "phone must be 7 to 15 digits"));
        }
        String population = populationType == null || populationType.isBlank() ? "REGISTERED"
                : populationType.strip().toUpperCase(Locale.ROOT);
        population = switch (population) {
            case "户籍" -> "REGISTERED";
            case "流动" -> "FLOATING";
            default -> population;
        };
        if (!POPULATION_TYPES.contains(population)) {
            violations.add(new FieldViolation("populationType", "resident.population-type.invalid",
                    "populationType must be REGISTERED or FLOATING"));
        }
        String cleanEthnicity = ethnicity == null || ethnicity.isBlank() ? null : ethnicity.strip();
        if (cleanEthnicity != null && cleanEthnicity.length() > 20) {
            violations.add(new FieldViolation("ethnicity", "resident.ethnicity.invalid", "ethnicity: at most 20 characters"));
        }
        if (!violations.isEmpty()) {
            return new Checked(null, violations);
        }
        return new Checked(new Person(cleanName, genderValue, birth, type, id, cleanPhone, cleanEthnicity, population),
                List.of());
    }
}
