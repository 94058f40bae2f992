package org.gridgov.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Links to the current page with one query parameter changed and all others (a list's filters) kept: the pager's
 * {@code ${links.with('page', 2)}} and the language switch. Built from the raw query string, so values keep the
 * browser's own encoding.
 */
public record ConsoleLinks(String path, List<String> pairs) {

    static ConsoleLinks of(String requestUri, String query) {
        List<String> pairs = new ArrayList<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    pairs.add(pair);
                }
            }
        }
        return new ConsoleLinks(requestUri, List.copyOf(pairs));
    }

    /** This page with {@code name} set to {@code value} (a plain token: a number, a language tag). */
    public String with(String name, Object value) {
        StringBuilder url = new StringBuilder(path).append('?');
        for (String pair : pairs) {
            String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!key.equals(name)) {
                url.append(pair).append('&');
            }
        }
        return url.append(name).append('=').append(value).toString();
    }
}
