package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A container made from {@code capsa spec}'s configuration, through the real ./capsa (root). */
class CliSpecContainerTest extends CliTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void setUp() {
    BusyboxRootfs.assumeAvailable();
  }

  /**
   * runc 1.1's spec, which capsa spec writes, lists ambient capabilities that are not
   * inheritable: they are left out, as runc and crun leave them out, without a warning.
   */
  @Test
  void runsWithoutAWordOnStderr() throws Exception {
    Path bundle = dir.resolve("bundle");
    BusyboxRootfs.create(bundle.resolve("rootfs"));
    CapsaProcess.Result spec = cli.capsa("spec", "--bundle", bundle.toString());
    assertEquals(0, spec.exitCode(), spec.stderr());
    ObjectNode config = (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
    ObjectNode process = (ObjectNode) config.get("process");
    process.put("terminal", false);
    process.putArray("args").add("echo").add("ran");
    JSON.writeValue(bundle.resolve("config.json").toFile(), config);

    CapsaProcess.Result run = cli.capsa("run", "--bundle", bundle.toString(), "from-spec");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("ran\n", run.stdout());
    assertEquals("", run.stderr());
  }
}
