package org.gridgov.console.archfixture;

import org.gridgov.resident.internal.Masking;

/** A deliberate violation (test sources only): the console reaching into the residents module's internals. */
public class ConsoleCodeThatReadsResidentInternals {

    public String masked(String phone) {
        return Masking.phone(phone);
    }
}
