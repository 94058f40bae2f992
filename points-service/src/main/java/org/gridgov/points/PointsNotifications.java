package org.gridgov.points;

import java.util.Optional;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.shared.notification.NotificationKind;
import org.gridgov.shared.notification.Notifier;
import org.gridgov.shared.notification.Recipient;
import org.gridgov.shared.people.AccountDirectory;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.springframework.stereotype.Component;

/**
 * Points work someone must act on reaches them: a service record waits for the community workers of the community it
 * was done in, a welfare-pool grant for a second worker of its community. Written in the caller's transaction, so a
 * notification exists exactly when the record or grant does. People are named by display name, never by login.
 */
@Component
class PointsNotifications {

    private final Notifier notifier;
    private final PointsContext context;

    PointsNotifications(Notifier notifier, PointsContext context) {
        this.notifier = notifier;
        this.context = context;
    }

    void serviceRecordToReview(ServiceRecordView record, String gridPath) {
        community(record.gridId()).ifPresent(community -> notifier.notify(
                Recipient.roleAt(Role.COMMUNITY_WORKER, community.id()), NotificationKind.SERVICE_RECORD_TO_REVIEW,
                "service-record", record.id(), null, "服务记录待审核：" + name(record.workerId()) + " "
                        + record.typeName() + "（" + grid(record.gridId()) + "）",
                gridPath));
    }

    void grantToApprove(GrantView grant, Caller proposer, String communityPath) {
        notifier.notify(Recipient.roleAt(Role.COMMUNITY_WORKER, grant.communityId()), NotificationKind.GRANT_TO_APPROVE,
                "grant", grant.id(), null, "公益池资助待审批：" + grant.amount() + " 积分，由 "
                        + (proposer.accountId() == null ? "系统" : name(proposer.accountId()))
                        + " 提议，需另一位社区工作者审批",
                communityPath);
    }

    /** The community a grid lies in (the grid itself when it is one). */
    private Optional<GridNodeRef> community(long gridId) {
        return context.grids().chain(gridId).stream().filter(n -> n.type() == GridType.COMMUNITY).findFirst();
    }

    private String grid(long gridId) {
        return context.grids().byId(gridId).map(GridNodeRef::name).orElse("");
    }

    private String name(long accountId) {
        return context.accounts().account(accountId).map(AccountDirectory.AccountFacts::publicName)
            .orElse("#" + accountId);
    }
}
