package org.gridgov.incident;

/**
 * A hotline's three-level satisfaction (满意 / 基本满意 / 不满意) on the platform's 5-star rating: 5, 3 and 1 stars.
 * Satisfied and basically satisfied close the incident (3–5 stars), dissatisfied reopens it (1–2 stars), exactly as a
 * resident's rating would.
 */
public enum Satisfaction {
    /** 满意 */
    SATISFIED(5),
    /** 基本满意 */
    BASICALLY_SATISFIED(3),
    /** 不满意 */
    DISSATISFIED(1);

    private final int stars;

    Satisfaction(int stars) {
        this.stars = stars;
    }

    public int stars() {
        return stars;
    }
}
