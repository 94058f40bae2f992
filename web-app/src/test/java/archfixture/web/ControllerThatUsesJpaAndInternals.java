package archfixture.web;

import jakarta.persistence.EntityManager;

import archfixture.internal.SomeRepository;

/** A deliberate violation (test sources only): a controller using JPA and a repository instead of the module API. */
public class ControllerThatUsesJpaAndInternals {

    private final EntityManager entities;
    private final SomeRepository repository;

    public ControllerThatUsesJpaAndInternals(EntityManager entities, SomeRepository repository) {
        this.entities = entities;
        this.repository = repository;
    }

    public long count() {
        return repository.count() + (entities.isOpen() ? 1 : 0);
    }
}
