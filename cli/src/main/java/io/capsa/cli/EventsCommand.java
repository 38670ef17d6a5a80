package io.capsa.cli;

import io.capsa.runtime.Container;
import io.capsa.runtime.cgroups.CgroupStats;
import io.capsa.runtime.cgroups.RuncStatsJson;
import io.capsa.runtime.state.ContainerStateException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * {@code capsa events}: the container's resource usage as runc prints it, one JSON event per
 * line: once with {@code --stats}, else every {@code --interval}, with an {@code oom} event
 * whenever the OOM killer killed in the container since the last one. runc goes on printing
 * errors after the container is gone; Capsa ends then.
 */
final class EventsCommand implements Verb {
  static final Flag STATS = Flag.bool("display the container's stats then exit", "stats");
  static final Flag INTERVAL = Flag.value("DURATION",
      "set the stats collection interval (default: 5s)", "interval");

  @Override
  public String name() {
    return "events";
  }

  @Override
  public String summary() {
    return "display container events such as OOM notifications and cpu, memory, and IO usage"
        + " statistics";
  }

  @Override
  public List<Flag> flags() {
    return List.of(STATS, INTERVAL);
  }

  @Override
  public int run(Call call) {
    Duration every = GoDuration.parse(call.arguments().value(INTERVAL).orElse("5s"));
    if (every.isZero() || every.isNegative()) {
      throw new CliException("duration interval must be greater than 0");
    }
    String id = call.id();
    Container container = call.capsa().runtime().load(id);
    PrintWriter out = call.out();
    CgroupStats first = container.stats();
    out.println(RuncStatsJson.event(id, first));
    out.flush();
    if (call.has(STATS)) {
      return 0;
    }
    long oomKills = first.memory().oomKills();
    while (sleep(every)) {
      CgroupStats now;
      try {
        now = container.stats();
      } catch (ContainerStateException e) {
        return 0;
      }
      if (now.memory().oomKills() > oomKills) {
        out.println("{\"type\":\"oom\",\"id\":" + Json.quote(id) + "}");
      }
      oomKills = now.memory().oomKills();
      out.println(RuncStatsJson.event(id, now));
      out.flush();
    }
    return 0;
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
