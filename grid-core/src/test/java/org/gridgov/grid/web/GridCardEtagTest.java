package org.gridgov.grid.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridgov.grid.GridCard;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;

import static org.assertj.core.api.Assertions.assertThat;

/** The card's ETag follows every field of the card, a field added later included. */
class GridCardEtagTest {

    static final GridCard CARD = new GridCard("510104001001G01M01", "水井坊一网格", GridType.MICRO_GRID,
            List.of("锦江区", "水井坊街道", "水井坊社区"), "张秀英", "13800001111", StaffRole.MICRO_GRID_WORKER, null,
            List.of("特殊人群走访", "矛盾纠纷排查"));

    @Test
    void the_same_card_has_the_same_etag_on_every_node() {
        GridCard copy = new GridCard(CARD.gridCode(), CARD.gridName(), CARD.gridType(), List.copyOf(CARD.chain()),
                new String(CARD.workerName()), CARD.workerPhone(), CARD.workerRole(), null, List.copyOf(CARD.duties()));

        assertThat(GridCardController.etagOf(copy)).isEqualTo(GridCardController.etagOf(CARD))
            .matches("W/\"card-[0-9a-f]{1,16}\"");
    }

    @Test
    void a_change_of_any_field_changes_the_etag() throws Exception {
        RecordComponent[] components = GridCard.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        var constructor = GridCard.class.getDeclaredConstructor(types);
        String original = GridCardController.etagOf(CARD);
        for (int changed = 0; changed < components.length; changed++) {
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Object value = components[i].getAccessor().invoke(CARD);
                values[i] = i == changed ? changedValue(components[i], value) : value;
            }
            GridCard other = constructor.newInstance(values);

            assertThat(GridCardController.etagOf(other)).as(components[changed].getName()).isNotEqualTo(original);
        }
    }

    @Test
    void a_missing_value_is_not_an_empty_one_and_fields_do_not_run_into_each_other() {
        GridCard empty = new GridCard(CARD.gridCode(), CARD.gridName(), CARD.gridType(), CARD.chain(), "",
                CARD.workerPhone(), CARD.workerRole(), null, CARD.duties());
        GridCard none = new GridCard(CARD.gridCode(), CARD.gridName(), CARD.gridType(), CARD.chain(), null,
                CARD.workerPhone(), CARD.workerRole(), null, CARD.duties());
        GridCard shifted = new GridCard(CARD.gridCode(), CARD.gridName(), CARD.gridType(),
                List.of("锦江区水井坊街道", "水井坊社区"), CARD.workerName(), CARD.workerPhone(), CARD.workerRole(), null,
                CARD.duties());

        assertThat(GridCardController.etagOf(empty)).isNotEqualTo(GridCardController.etagOf(none));
        assertThat(GridCardController.etagOf(shifted)).isNotEqualTo(GridCardController.etagOf(CARD));
    }

    private static Object changedValue(RecordComponent component, Object value) {
        Class<?> type = component.getType();
        if (type == String.class) {
            return value == null ? "网格" : value + "x";
        }
        if (type == List.class) {
            List<Object> list = new ArrayList<>((List<?>) value);
            list.add("x");
            return list;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[0].equals(value) ? constants[1] : constants[0];
        }
        throw new AssertionError("GridCard has a field of a type this test cannot change, so the card's ETag may not "
                + "follow it: " + component);
    }
}
