package org.gridgov.resident;

import java.time.LocalDate;
import java.util.List;

/**
 * A new resident, living in {@code dwellingId} from {@code movedIn} (default today). For a resident ID number the
 * gender and birth date may be left out: they are read from the number (and must agree with it when given).
 *
 * @param idType RESIDENT_ID (default), PASSPORT, HK_MACAO_PERMIT, TAIWAN_PERMIT, FOREIGN_PERMANENT, OTHER
 * @param populationType REGISTERED (户籍) or FLOATING (流动)
 * @param registeredDwellingId where the household registration is, when it is not where they live (人户分离)
 */
public record RegisterResidentCommand(String name, String gender, LocalDate birthDate, String idType,
        String idNumber, String phone, String ethnicity, String populationType, Boolean partyMember,
        Boolean volunteer, String healthNote, List<String> tags, Long dwellingId, String relationToHead,
        LocalDate movedIn, Long registeredDwellingId) {
}
