package io.devhealth.sync.dora;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.devhealth.sync.people.PeopleRefresh.CorrectionsChanged;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.sink.ClickHouseWriteException;
import io.devhealth.sync.sink.WriteFence;

/**
 * Relinks an organization's incidents as soon as its incident link corrections reached ClickHouse (the people
 * refresh copies them every 30 s), so a correction shows in the DORA facts within a minute. Outside any run: no
 * lease fences these writes, which recompute from committed data and are idempotent.
 */
@ApplicationScoped
class CorrectionRelink {

    private static final Logger LOG = Logger.getLogger(CorrectionRelink.class);

    private final IncidentLinkage linkage;

    CorrectionRelink(IncidentLinkage linkage) {
        this.linkage = linkage;
    }

    /** @throws ClickHouseWriteException the relink failed: the refresh keeps its cursor and fires again */
    void onCorrections(@Observes CorrectionsChanged changed) {
        try {
            IncidentLinkage.Outcome outcome = linkage.relink(changed.orgId(), WriteFence.NONE);
            LOG.infof("incident links of organization %s recomputed after a correction: %d incident(s), %d linked, "
                    + "%d deployment fact(s) changed", changed.orgId(), outcome.incidents(), outcome.linked(),
                    outcome.deploymentsRewritten());
        } catch (SyncFailedException e) {
            throw new ClickHouseWriteException("relinking incidents after a correction failed: " + e.getMessage(), e);
        }
    }
}
