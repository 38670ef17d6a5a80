package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.cgroups.CgroupStats;
import io.capsa.runtime.cgroups.RuncStatsJson;
import io.capsa.runtime.state.ContainerStateException;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code capsa events}: the container's resource usage as runc prints it, one JSON event per
 * line: once with {@code --stats}, else every {@code --interval}, with an {@code oom} event
 * whenever the OOM killer killed in the container since the last one. runc goes on printing
 * errors after the container is gone; Capsa ends then.
 */
@Command(name = "events",
    description = "display container events such as OOM notifications and cpu, memory, and IO"
        + " usage statistics")
final class EventsCommand implements Runnable {

  @ParentCommand Capsa capsa;

  @Spec CommandSpec spec;

  @Option(names = "--stats", description = "display the container's stats then exit")
  boolean stats;

  @Option(names = "--interval", paramLabel = "DURATION",
      description = "set the stats collection interval (default: ${DEFAULT-VALUE})")
  String interval = "5s";

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Override
  public void run() {
    Duration every = GoDuration.parse(interval);
    if (every.isZero() || every.isNegative()) {
      throw new CliException("duration interval must be greater than 0");
    }
    Container container = capsa.runtime().load(id);
    PrintWriter out = spec.commandLine().getOut();
    CgroupStats first = container.stats();
    out.println(RuncStatsJson.event(id, first));
    out.flush();
    if (stats) {
      return;
    }
    long oomKills = first.memory().oomKills();
    while (sleep(every)) {
      CgroupStats now;
      try {
        now = container.stats();
      } catch (ContainerStateException e) {
        return;
      }
      if (now.memory().oomKills() > oomKills) {
        out.println("{\"type\":\"oom\",\"id\":" + Json.quote(id) + "}");
      }
      oomKills = now.memory().oomKills();
      out.println(RuncStatsJson.event(id, now));
      out.flush();
    }
  }

  private static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
