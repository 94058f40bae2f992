package org.gridgov.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridgov.console.GridImportConsoleController.JobModel;
import org.gridgov.console.GridImportConsoleController.PhaseStep;
import org.gridgov.grid.ImportJobView;

import static org.assertj.core.api.Assertions.assertThat;

/** How the import job page reads a job: steps, progress and when it stops polling. */
class ImportJobModelTest {

    @Test
    void shows_a_queued_job_without_a_phase_as_all_steps_to_do() {
        JobModel job = job("QUEUED", null, 0, 0);

        assertThat(job.phases()).extracting(PhaseStep::state).containsExactly("todo", "todo", "todo");
        assertThat(job.percent()).isZero();
        assertThat(job.finished()).isFalse();
    }

    @Test
    void shows_the_share_of_the_current_phase_done() {
        JobModel job = job("RUNNING", "VALIDATING", 3, 12);

        assertThat(job.phases()).extracting(PhaseStep::state).containsExactly("done", "current", "todo");
        assertThat(job.percent()).isEqualTo(25);
        assertThat(job.finished()).isFalse();
    }

    @Test
    void fills_the_bar_and_stops_polling_once_the_job_succeeded() {
        JobModel job = job("SUCCEEDED", "WRITING", 0, 0);

        assertThat(job.phases()).extracting(PhaseStep::state).containsExactly("done", "done", "done");
        assertThat(job.percent()).isEqualTo(100);
        assertThat(job.finished()).isTrue();
    }

    @Test
    void marks_the_phase_a_failed_job_stopped_in() {
        JobModel job = job("FAILED", "VALIDATING", 6, 6);

        assertThat(job.phases()).extracting(PhaseStep::state).containsExactly("done", "failed", "todo");
        assertThat(job.finished()).isTrue();
    }

    private static JobModel job(String status, String phase, int done, int total) {
        return new JobModel(new ImportJobView(1, "GEOJSON", "tree.geojson", status, phase, total, done, 0, 0, 0, 0,
                List.of(), null, "admin", null, null, null));
    }
}
