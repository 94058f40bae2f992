package org.gridgov.grid.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.gridgov.grid.GridStatus;
import org.gridgov.grid.GridType;
import org.gridgov.shared.DomainException;
import org.springframework.data.domain.Persistable;

/**
 * A node of the grid tree. Its place in the tree is kept as a materialized path of ids ({@code /1/12/140/}), so
 * "everything under X" is one indexed range query. Ids come from the table's sequence before insert, so the path
 * is complete in the one INSERT.
 */
@Entity
@Table(name = "grid_node")
public class GridNode implements Persistable<Long> {

    @Id
    private Long id;

    private String code;

    private String name;

    @Enumerated(EnumType.STRING)
    private GridType type;

    @Column(name = "parent_id")
    private Long parentId;

    private String path;

    private short depth;

    @Enumerated(EnumType.STRING)
    private GridStatus status;

    private boolean partyOrganisation;

    private long topologyVersion;

    @Version
    private long version;

    private Instant createdAt;

    private Instant updatedAt;

    private Instant retiredAt;

    @Transient
    private boolean isNew;

    protected GridNode() {
    }

    private GridNode(long id, String code, String name, GridType type, GridNode parent, boolean partyOrganisation,
            Instant now) {
        this.id = id;
        this.code = code;
        this.name = name;
        this.type = type;
        this.parentId = parent == null ? null : parent.id;
        this.path = (parent == null ? "/" : parent.path) + id + "/";
        this.depth = (short) (parent == null ? 0 : parent.depth + 1);
        this.status = GridStatus.ACTIVE;
        this.partyOrganisation = partyOrganisation;
        this.createdAt = now;
        this.updatedAt = now;
        this.isNew = true;
    }

    /** A new node under {@code parent} (null for a root: a city or a district), checked against the type rules. */
    public static GridNode create(long id, String code, String name, GridType type, GridNode parent,
            boolean partyOrganisation, Instant now) {
        if (parent == null) {
            if (!type.mayBeRoot()) {
                throw DomainException.ruleViolation("grid.node.parent-required", "parentCode",
                        "A " + type + " needs a parent of type " + type.allowedParents());
            }
        }
        else {
            requireMayHangUnder(type, parent, "parentCode");
        }
        return new GridNode(id, code, name, type, parent, partyOrganisation, now);
    }

    private static void requireMayHangUnder(GridType type, GridNode parent, String field) {
        if (!type.mayHangUnder(parent.type)) {
            throw DomainException.ruleViolation("grid.node.parent-type", field, "A " + type + " may not hang under a "
                    + parent.type + " (allowed parents: " + type.allowedParents() + ")");
        }
        if (parent.status != GridStatus.ACTIVE) {
            throw DomainException.ruleViolation("grid.node.parent-retired", field,
                    "Parent " + parent.code + " is retired");
        }
    }

    public void change(String name, boolean partyOrganisation, Instant now) {
        requireActive();
        this.name = name;
        this.partyOrganisation = partyOrganisation;
        this.updatedAt = now;
    }

    /**
     * Moves this node (and with it its subtree) under {@code newParent}. The caller rewrites the descendants'
     * paths (and every copy of them) with {@link SubtreeMover#rebase}.
     *
     * @return the path this node had before the move
     */
    public String moveUnder(GridNode newParent, Instant now) {
        requireActive();
        if (newParent.path.startsWith(this.path)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "grid.node.move-cycle",
                    "Cannot move " + code + " under " + newParent.code + ": it is inside " + code + "'s own subtree",
                    java.util.List.of(new org.gridgov.shared.FieldViolation("parentCode", "grid.node.move-cycle",
                            "the new parent is a descendant of the node")));
        }
        requireMayHangUnder(type, newParent, "parentCode");
        String oldPath = path;
        this.parentId = newParent.id;
        this.path = newParent.path + id + "/";
        this.depth = (short) (newParent.depth + 1);
        this.updatedAt = now;
        return oldPath;
    }

    public void retire(Instant now) {
        requireActive();
        this.status = GridStatus.RETIRED;
        this.retiredAt = now;
        this.updatedAt = now;
    }

    /** Marks this node as changed for the spatial index at topology version {@code topologyVersion}. */
    public void touchTopology(long topologyVersion) {
        this.topologyVersion = topologyVersion;
    }

    private void requireActive() {
        if (status != GridStatus.ACTIVE) {
            throw DomainException.conflict("grid.node.retired", "Grid " + code + " is retired and cannot change");
        }
    }

    public boolean isActive() {
        return status == GridStatus.ACTIVE;
    }

    @Override
    public Long getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markPersisted() {
        this.isNew = false;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public GridType getType() {
        return type;
    }

    public Long getParentId() {
        return parentId;
    }

    public String getPath() {
        return path;
    }

    public int getDepth() {
        return depth;
    }

    public GridStatus getStatus() {
        return status;
    }

    public boolean isPartyOrganisation() {
        return partyOrganisation;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getRetiredAt() {
        return retiredAt;
    }

    /** The ids on the path from the root down to this node, inclusive. */
    public java.util.List<Long> pathIds() {
        return PathIds.parse(path);
    }
}
