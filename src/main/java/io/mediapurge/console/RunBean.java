package io.mediapurge.console;

import java.io.Serializable;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.mediapurge.purge.batch.ExecutionStats;
import io.mediapurge.purge.batch.PurgeJobs;
import io.mediapurge.purge.batch.RunHistory;
import io.mediapurge.purge.service.PurgeService;

import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** One run: parameters, figures, end reason, its submission's timeline; Stop, Restart, Abandon. */
@Named
@ViewScoped
public class RunBean implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<BatchStatus> RUNNING = Set.of(BatchStatus.STARTING, BatchStatus.STARTED);

    @Inject
    transient PurgeService purges;

    @Inject
    transient ExecutionStats stats;

    @Inject
    transient RunHistory history;

    @Inject
    transient ConsoleGuard guard;

    private Long id;
    private transient JobExecution execution;
    /** The status as read before the figures: a run shown ended shows every chunk it committed. */
    private BatchStatus status;
    private transient ExecutionStats.Figures figures;
    private boolean missing;

    /**
     * Reads the run again. The batch runtime may hand out the live execution object of a run in
     * progress, whose status moves on by itself: the page shows the status read here, before the
     * figures, never a later one beside older figures (which once froze a finished run's page at
     * the figures of its first moments, the poll having stopped at the end status).
     */
    public void load() {
        if (id == null) {
            missing = true;
            return;
        }
        try {
            execution = purges.run(id);
            status = execution.getBatchStatus();
            missing = !PurgeJobs.JOB.equals(execution.getJobName());
            figures = stats.of(id).orElse(null);
        } catch (PurgeJobs.Refused e) {
            missing = true;
            execution = null;
            status = null;
            figures = null;
        }
    }

    public String restart() {
        guard.require(ConsoleGuard.Permission.STEER, "RESTART_RUN", "execution " + id);
        try {
            long restarted = purges.restart(id);
            guard.done("RESTART_RUN", "execution " + id, "new execution " + restarted);
            return "/console/run.xhtml?faces-redirect=true&id=" + restarted;
        } catch (PurgeJobs.Refused e) {
            return refused("RESTART_RUN", e);
        }
    }

    public String stop() {
        guard.require(ConsoleGuard.Permission.STEER, "STOP_RUN", "execution " + id);
        try {
            purges.stop(id);
            guard.done("STOP_RUN", "execution " + id, null);
        } catch (PurgeJobs.Refused e) {
            return refused("STOP_RUN", e);
        }
        load();
        return null;
    }

    public String abandon() {
        guard.require(ConsoleGuard.Permission.STEER, "ABANDON_RUN", "execution " + id);
        try {
            purges.abandon(id);
            guard.done("ABANDON_RUN", "execution " + id, null);
        } catch (PurgeJobs.Refused e) {
            return refused("ABANDON_RUN", e);
        }
        load();
        return null;
    }

    private String refused(String action, PurgeJobs.Refused e) {
        guard.failed(action, "execution " + id, e.getMessage());
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        load();
        return null;
    }

    public BatchStatus getStatus() {
        return status;
    }

    public boolean isStoppable() {
        return status != null && RUNNING.contains(status);
    }

    public boolean isRestartable() {
        return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
    }

    /** Only a run that could still be restarted is worth retiring: a finished one has nothing left to give up. */
    public boolean isAbandonable() {
        return isRestartable();
    }

    public boolean isLive() {
        return status != null && (RUNNING.contains(status) || status == BatchStatus.STOPPING);
    }

    /** Why the run ended, in words (nothing while it runs). */
    public String getWhyItEnded() {
        return status == null || isLive() ? null : ConsoleText.whyItEnded(status.name(), figures == null ? null : figures.endReason());
    }

    public Long getSubmissionId() {
        String value = parameter("submissionId");
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public String parameter(String name) {
        Properties parameters = execution == null ? null : execution.getJobParameters();
        return parameters == null ? null : parameters.getProperty(name);
    }

    /** Every run of the same submission, oldest first. */
    public List<RunRow> getTimeline() {
        Long submission = getSubmissionId();
        if (submission == null) {
            return List.of();
        }
        return history.page(null, submission, "executionId", true, 0, 100).runs().stream().map(RunRow::new).toList();
    }

    public String getStarted() { return execution == null ? "" : ConsoleText.time(execution.getStartTime()); }
    public String getEnded() { return execution == null ? "" : ConsoleText.time(execution.getEndTime()); }
    public String getExitStatus() { return execution == null ? null : execution.getExitStatus(); }
    public ExecutionStats.Figures getFigures() { return figures; }
    /** No run to show: none was named, the number is not one, or no purge-media run has it (any more). */
    public boolean isMissing() { return missing || status == null; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
}
