package org.gridgov.grid.internal;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A functional department (职能部门) attached to a district or a street. */
@Entity
@Table(name = "department")
public class Department {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String code;

    private String name;

    private String kind;

    private long nodeId;

    private String phone;

    private boolean active;

    @Version
    private long version;

    private Instant createdAt;

    protected Department() {
    }

    public Department(String code, String name, String kind, long nodeId, String phone, Instant now) {
        this.code = code;
        this.name = name;
        this.kind = kind;
        this.nodeId = nodeId;
        this.phone = phone;
        this.active = true;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    public long getNodeId() {
        return nodeId;
    }

    public String getPhone() {
        return phone;
    }

    public boolean isActive() {
        return active;
    }
}
