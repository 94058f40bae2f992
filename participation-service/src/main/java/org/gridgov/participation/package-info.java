/**
 * Community services and participation (社区服务与居民参与). Everything hangs on a grid node and is scoped by the one
 * data-scope mechanism.
 * <ul>
 * <li>Spaces and bookings (预约): {@link org.gridgov.participation.SpaceService} keeps a community's public spaces
 * with opening hours by weekday, closed on the work calendar's public holidays (the shared kernel's
 * {@code PublicHolidays} port); {@link org.gridgov.participation.BookingService} books slots, approves where the space
 * needs it, cancels and records no-shows. A space is never booked twice: a PostgreSQL exclusion constraint on
 * {@code tstzrange(starts_at, ends_at)} decides races, and the loser gets 409 with the next free slots.</li>
 * <li>Activities (活动) with sign-up, a waiting list and a signed one-time check-in QR code; volunteers' confirmed
 * hours leave the module as {@code VolunteerServiceConfirmed} events, which the points module turns into Happiness
 * Card points.</li>
 * <li>Questionnaires (问卷): {@link org.gridgov.participation.QuestionnaireService} — an audience (a subtree, residents,
 * or a public link), anonymous or named, open days in China time, one answer per person decided by a unique
 * constraint; results and their export through the platform's table writer.</li>
 * <li>Deliberation (议事): {@link org.gridgov.participation.TopicService} — topics, comments, one support per person, the
 * community's agenda reached at a threshold exactly once, the decision, and a follow-up that asks for an incident
 * through the shared kernel's {@code IncidentRequested} event or proposes a micro-governance project.</li>
 * <li>Micro-governance projects (微治理项目): {@link org.gridgov.participation.ProjectService} — proposal with the
 * 益·社 community partners (the shared kernel's {@code CommunityPartners} port, answered by the points module), budget
 * in fen with its source, approval, milestones, completion, one rating per resident, and a public list per street.</li>
 * <li>The 15-minute community life circle (15分钟社区生活圈): {@link org.gridgov.participation.FacilityService} keeps
 * facilities of eight kinds at two levels (imported from GeoJSON, CSV or .xlsx, all or nothing);
 * {@link org.gridgov.participation.LifeCircleService} answers the nearest facilities of each kind to a point and a
 * community's coverage report, its dwellings' locations asked of resident-service through the shared kernel's
 * {@code DwellingLocations} port; walking time is straight-line distance × a documented detour factor at a documented
 * walking speed, and every answer says so.</li>
 * </ul>
 * Depends on grid core and the shared kernel only.
 */
@ApplicationModule(displayName = "Community participation", allowedDependencies = { "shared", "grid" })
package org.gridgov.participation;

import org.springframework.modulith.ApplicationModule;
