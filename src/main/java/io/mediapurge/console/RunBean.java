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
    private transient ExecutionStats.Figures figures;
    private boolean missing;

    public void load() {
        if (id == null) {
            missing = true;
            return;
        }
        try {
            execution = purges.run(id);
            missing = !PurgeJobs.JOB.equals(execution.getJobName());
            figures = stats.of(id).orElse(null);
        } catch (PurgeJobs.Refused e) {
            missing = true;
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
        return execution == null ? null : execution.getBatchStatus();
    }

    public boolean isStoppable() {
        return execution != null && RUNNING.contains(execution.getBatchStatus());
    }

    public boolean isRestartable() {
        return execution != null && (execution.getBatchStatus() == BatchStatus.FAILED || execution.getBatchStatus() == BatchStatus.STOPPED);
    }

    public boolean isAbandonable() {
        return execution != null && !RUNNING.contains(execution.getBatchStatus()) && execution.getBatchStatus() != BatchStatus.STOPPING
                && execution.getBatchStatus() != BatchStatus.ABANDONED;
    }

    public boolean isLive() {
        return execution != null && (RUNNING.contains(execution.getBatchStatus()) || execution.getBatchStatus() == BatchStatus.STOPPING);
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
    public boolean isMissing() { return missing; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
}
