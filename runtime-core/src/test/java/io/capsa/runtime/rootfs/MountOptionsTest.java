package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.Problem;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.rootfs.MountAttributes.Atime;
import io.capsa.runtime.rootfs.MountAttributes.Flag;
import io.capsa.runtime.rootfs.MountOptions.FilesystemOption;
import io.capsa.runtime.rootfs.MountOptions.Idmap;
import io.capsa.runtime.rootfs.MountOptions.SuperblockFlag;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
  private final ConfigProblems problems = new ConfigProblems();

  private MountOptions parse(String... options) {
    return MountOptions.parse(Arrays.asList(options), "$.mounts[0].options", problems);
  }

  @Test
  void flagsAreSetAndClearedTheLaterOptionWinning() {
    MountOptions options = parse("ro", "nosuid", "nodev", "rw", "noexec", "exec", "suid",
        "nosymfollow", "nodiratime");

    assertEquals(Set.of(Flag.NODEV, Flag.NOSYMFOLLOW, Flag.NODIRATIME),
        options.attributes().set());
    assertEquals(Set.of(Flag.RDONLY, Flag.NOEXEC, Flag.NOSUID), options.attributes().clear());
    assertTrue(problems.isEmpty());
  }

  @Test
  void atimeOptionsFoldAsMount2WouldFoldTheirFlags() {
    assertNull(parse("ro").attributes().atime(), "no atime option: left as it is");
    assertEquals(Atime.NOATIME, parse("noatime").attributes().atime());
    assertEquals(Atime.RELATIME, parse("noatime", "atime").attributes().atime());
    assertEquals(Atime.STRICTATIME, parse("noatime", "strictatime").attributes().atime());
    assertEquals(Atime.RELATIME, parse("strictatime", "nostrictatime").attributes().atime());
    assertEquals(Atime.RELATIME, parse("norelatime").attributes().atime());
    assertEquals(Atime.NOATIME, parse("relatime", "noatime").attributes().atime());
  }

  @Test
  void recursiveVariantsGoToTheRecursiveAttributes() {
    MountOptions options = parse("rro", "rnosuid", "rdev", "rnoexec", "rexec", "rnoatime",
        "rsymfollow");

    assertEquals(Set.of(Flag.RDONLY, Flag.NOSUID), options.recursiveAttributes().set());
    assertEquals(Set.of(Flag.NODEV, Flag.NOEXEC, Flag.NOSYMFOLLOW),
        options.recursiveAttributes().clear());
    assertEquals(Atime.NOATIME, options.recursiveAttributes().atime());
    assertTrue(options.attributes().isEmpty());
    assertEquals(Atime.RELATIME, parse("rstrictatime", "ratime").recursiveAttributes().atime());
  }

  @Test
  void bindRbindRemountAndIdmapAreRequests() {
    MountOptions bind = parse("bind");
    MountOptions rbind = parse("rbind", "ridmap");

    assertTrue(bind.bind());
    assertFalse(bind.recursiveBind());
    assertTrue(rbind.bind());
    assertTrue(rbind.recursiveBind());
    assertEquals(Idmap.RECURSIVE, rbind.idmap());
    assertEquals(Idmap.MOUNT, parse("idmap").idmap());
    assertTrue(parse("remount").remount());
    assertEquals(Idmap.NONE, bind.idmap());
  }

  @Test
  void propagationOptionsKeepTheirOrder() {
    assertEquals("[rprivate, shared, slave, runbindable]",
        parse("rprivate", "shared", "slave", "runbindable").propagations().toString());
  }

  @Test
  void superblockFlagsAreSetAndClearedAndNoOpsChangeNothing() {
    MountOptions options = parse("sync", "dirsync", "mand", "lazytime", "async", "nomand",
        "defaults", "silent", "loud", "iversion", "noiversion");

    assertEquals(Set.of(SuperblockFlag.DIRSYNC, SuperblockFlag.LAZYTIME),
        options.superblockFlags());
    assertTrue(options.data().isEmpty());
    assertTrue(options.attributes().isEmpty());
  }

  @Test
  void everythingElseIsFilesystemDataSplitAtCommasOutsideQuotes() {
    MountOptions options = parse("size=65536k", "newinstance", "mode=755,uid=5",
        "context=\"system_u:object_r:x:s0:c1,c2\"", "rsize=4096");

    assertEquals(List.of(new FilesystemOption("size", "65536k"),
        new FilesystemOption("newinstance", null), new FilesystemOption("mode", "755"),
        new FilesystemOption("uid", "5"),
        new FilesystemOption("context", "system_u:object_r:x:s0:c1,c2"),
        new FilesystemOption("rsize", "4096")), options.data());
    assertTrue(problems.isEmpty());
  }

  @Test
  void tmpcopyupAndNamelessDataAreRefusedAtTheirIndex() {
    parse("rw", "tmpcopyup", "=5", "");

    assertEquals(List.of(
        new Problem("$.mounts[0].options[1]", "tmpcopyup (copying the directory's contents "
            + "into the new tmpfs) is not supported"),
        new Problem("$.mounts[0].options[2]",
            "\"=5\" is not a mount option: a filesystem option needs a name"),
        new Problem("$.mounts[0].options[3]",
            "\"\" is not a mount option: a filesystem option needs a name")),
        problems.list());
  }
}
