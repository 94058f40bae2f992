package org.gridgov.grid;

import java.util.Map;

/**
 * Extension point: a module adds its own figures to a grid's figures (incidents received, visits overdue,
 * verification coverage …). Implementations are Spring beans; each answers for one subtree and should stay within
 * tens of milliseconds (an indexed query over {@link GridSubtree}).
 */
public interface GridFiguresContributor {

    /** The key under which these figures appear, e.g. {@code incidents}. */
    String key();

    /** Figures for everything in {@code subtree}; values are numbers or small maps of numbers. */
    Map<String, Object> figures(GridSubtree subtree);
}
