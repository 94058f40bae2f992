package org.gridgov.grid.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;

/** One item of a duty list (职责清单): what a role in a grid type is there to do. */
@Entity
@Table(name = "duty")
public class Duty {

    @Id
    private Long id;

    @Enumerated(EnumType.STRING)
    private GridType gridType;

    @Enumerated(EnumType.STRING)
    private StaffRole role;

    private String code;

    private String title;

    private int sortOrder;

    private boolean active;

    protected Duty() {
    }

    public GridType getGridType() {
        return gridType;
    }

    public StaffRole getRole() {
        return role;
    }

    public String getCode() {
        return code;
    }

    public String getTitle() {
        return title;
    }

    public boolean isActive() {
        return active;
    }
}
