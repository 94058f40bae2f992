package org.gridgov.shared;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * One page of a list, as every list endpoint returns it (see docs/API.md).
 *
 * @param items the items of this page
 * @param page zero-based page number
 * @param size requested page size
 * @param totalElements number of items over all pages
 * @param totalPages number of pages
 */
public record PageResult<T>(List<T> items, int page, int size, long totalElements, int totalPages) {

    public static final int MAX_SIZE = 200;

    /** A page of a query that counted its {@code total} matches itself (plain SQL rather than Spring Data). */
    public static <T> PageResult<T> of(List<T> items, int page, int size, long total) {
        return new PageResult<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    public static <E, T> PageResult<T> of(Page<E> page, Function<? super E, ? extends T> mapper) {
        return new PageResult<>(page.getContent().stream().<T>map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements(), page.getTotalPages());
    }
}
