package io.capsa.runtime.rootfs;

import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.rootfs.MountAttributes.Atime;
import io.capsa.runtime.rootfs.MountAttributes.Flag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The options of one mount of config.json, sorted the way runc sorts them: mount flags, the
 * recursive attributes of mount_setattr(2), propagation, bind and id-mapping requests, and
 * whatever is left as filesystem data. Later options override earlier ones, as in runc.
 *
 * @param recursiveBind rbind: the whole tree below the source, not only its top mount
 * @param remount change the attributes of the mount already at the destination
 * @param attributes applied to the mount itself
 * @param recursiveAttributes the r* options (rro, rnosuid, ...), applied with AT_RECURSIVE
 * @param superblockFlags flags of a new filesystem (a bind mount shares its source's)
 * @param data filesystem options such as {@code size=64k}, each one fsconfig call
 */
record MountOptions(boolean bind, boolean recursiveBind, boolean remount,
    MountAttributes attributes, MountAttributes recursiveAttributes,
    List<Propagation> propagations, Set<SuperblockFlag> superblockFlags,
    List<FilesystemOption> data, Idmap idmap) {

  /** Flags of a filesystem instance, set through fsconfig(FSCONFIG_SET_FLAG). */
  enum SuperblockFlag {
    SYNC("sync"),
    DIRSYNC("dirsync"),
    MAND("mand"),
    LAZYTIME("lazytime");

    final String key;

    SuperblockFlag(String key) {
      this.key = key;
    }
  }

  /** Whether the mount is id-mapped, and for a bind of a tree whether all of it is. */
  enum Idmap {
    NONE,
    MOUNT,
    RECURSIVE
  }

  /** A filesystem option: {@code key=value}, or a flag ({@code value} null). */
  record FilesystemOption(String key, String value) {
    @Override
    public String toString() {
      return value == null ? key : key + "=" + value;
    }
  }

  private static final Map<String, Flag> SETS = Map.of("ro", Flag.RDONLY, "nosuid", Flag.NOSUID,
      "nodev", Flag.NODEV, "noexec", Flag.NOEXEC, "nodiratime", Flag.NODIRATIME, "nosymfollow",
      Flag.NOSYMFOLLOW);
  private static final Map<String, Flag> CLEARS = Map.of("rw", Flag.RDONLY, "suid", Flag.NOSUID,
      "dev", Flag.NODEV, "exec", Flag.NOEXEC, "diratime", Flag.NODIRATIME, "symfollow",
      Flag.NOSYMFOLLOW);
  private static final Map<String, Atime> ATIME_SETS = Map.of("noatime", Atime.NOATIME,
      "relatime", Atime.RELATIME, "strictatime", Atime.STRICTATIME);
  private static final Map<String, Atime> ATIME_CLEARS = Map.of("atime", Atime.NOATIME,
      "norelatime", Atime.RELATIME, "nostrictatime", Atime.STRICTATIME);
  private static final Map<String, SuperblockFlag> SUPERBLOCK_SETS = Map.of("sync",
      SuperblockFlag.SYNC, "dirsync", SuperblockFlag.DIRSYNC, "mand", SuperblockFlag.MAND,
      "lazytime", SuperblockFlag.LAZYTIME);
  private static final Map<String, SuperblockFlag> SUPERBLOCK_CLEARS = Map.of("async",
      SuperblockFlag.SYNC, "nomand", SuperblockFlag.MAND, "nolazytime", SuperblockFlag.LAZYTIME);
  /**
   * Options mount(8) knows that change nothing here: "defaults" is the absence of options,
   * silent/loud only quiet the kernel log of mount(2), and no fsconfig key sets i_version
   * (filesystems that support it keep it on).
   */
  private static final Set<String> NO_OPS = Set.of("defaults", "silent", "loud", "iversion",
      "noiversion");

  /**
   * Every option name this parser gives a meaning to (runc's features.json "mountOptions"):
   * the flags and atime modes with their r* variants, superblock flags, bind, remount,
   * id-mapping and propagation. Filesystem data (size=64k) is passed on and not listed.
   */
  static SortedSet<String> knownNames() {
    SortedSet<String> names = new TreeSet<>();
    for (Map<String, ?> table : List.of(SETS, CLEARS, ATIME_SETS, ATIME_CLEARS)) {
      for (String name : table.keySet()) {
        names.add(name);
        names.add("r" + name);
      }
    }
    names.addAll(SUPERBLOCK_SETS.keySet());
    names.addAll(SUPERBLOCK_CLEARS.keySet());
    names.addAll(NO_OPS);
    names.addAll(List.of("bind", "rbind", "remount", "idmap", "ridmap"));
    for (Propagation.Type type : Propagation.Type.values()) {
      names.add(new Propagation(type, false).toString());
      names.add(new Propagation(type, true).toString());
    }
    return names;
  }

  MountOptions {
    propagations = List.copyOf(propagations);
    superblockFlags = Set.copyOf(superblockFlags);
    data = List.copyOf(data);
  }

  /**
   * Parses {@code options}, adding a problem at {@code optionsPath}[i] for each it refuses.
   */
  static MountOptions parse(List<String> options, String optionsPath, ConfigProblems problems) {
    Parser parser = new Parser();
    for (int i = 0; i < options.size(); i++) {
      String problem = parser.accept(options.get(i));
      if (problem != null) {
        problems.add(optionsPath + "[" + i + "]", problem);
      }
    }
    return parser.result();
  }

  /** Folds options into flags in order, each overriding what came before. */
  private static final class Parser {
    private boolean bind;
    private boolean recursiveBind;
    private boolean remount;
    private final Set<Flag> set = EnumSet.noneOf(Flag.class);
    private final Set<Flag> clear = EnumSet.noneOf(Flag.class);
    private final Set<Atime> atimeSet = EnumSet.noneOf(Atime.class);
    private boolean atimeGiven;
    private final Set<Flag> recursiveSet = EnumSet.noneOf(Flag.class);
    private final Set<Flag> recursiveClear = EnumSet.noneOf(Flag.class);
    private Atime recursiveAtime;
    private final List<Propagation> propagations = new ArrayList<>();
    private final Set<SuperblockFlag> superblockFlags = EnumSet.noneOf(SuperblockFlag.class);
    private final List<FilesystemOption> data = new ArrayList<>();
    private Idmap idmap = Idmap.NONE;

    /** Takes one option; returns why it is refused, or null. */
    String accept(String option) {
      if (acceptFlag(option, set, clear)) {
        return null;
      } else if (ATIME_SETS.containsKey(option)) {
        atimeSet.add(ATIME_SETS.get(option));
        atimeGiven = true;
      } else if (ATIME_CLEARS.containsKey(option)) {
        atimeSet.remove(ATIME_CLEARS.get(option));
        atimeGiven = true;
      } else if (SUPERBLOCK_SETS.containsKey(option)) {
        superblockFlags.add(SUPERBLOCK_SETS.get(option));
      } else if (SUPERBLOCK_CLEARS.containsKey(option)) {
        superblockFlags.remove(SUPERBLOCK_CLEARS.get(option));
      } else if (option.equals("bind") || option.equals("rbind")) {
        bind = true;
        recursiveBind = option.equals("rbind");
      } else if (option.equals("remount")) {
        remount = true;
      } else if (option.equals("idmap") || option.equals("ridmap")) {
        idmap = option.equals("idmap") ? Idmap.MOUNT : Idmap.RECURSIVE;
      } else if (option.equals("tmpcopyup")) {
        return "tmpcopyup (copying the directory's contents into the new tmpfs) is not supported";
      } else if (NO_OPS.contains(option)) {
        return null;
      } else if (Propagation.ofOption(option).isPresent()) {
        propagations.add(Propagation.ofOption(option).get());
      } else if (!acceptRecursive(option)) {
        return filesystemData(option);
      }
      return null;
    }

    /** Takes the r* variant of a flag or atime option; false when {@code option} is none. */
    private boolean acceptRecursive(String recursiveOption) {
      if (!recursiveOption.startsWith("r")) {
        return false;
      }
      String option = recursiveOption.substring(1);
      if (acceptFlag(option, recursiveSet, recursiveClear)) {
        return true;
      } else if (ATIME_SETS.containsKey(option)) {
        recursiveAtime = ATIME_SETS.get(option);
      } else if (ATIME_CLEARS.containsKey(option)) {
        // Clearing a mode leaves the kernel's default, relatime (mount_setattr(2)).
        recursiveAtime = Atime.RELATIME;
      } else {
        return false;
      }
      return true;
    }

    /** Sets or clears the flag {@code option} names; false when it names none. */
    private static boolean acceptFlag(String option, Set<Flag> set, Set<Flag> clear) {
      Flag flag = SETS.containsKey(option) ? SETS.get(option) : CLEARS.get(option);
      if (flag == null) {
        return false;
      }
      boolean setting = SETS.containsKey(option);
      (setting ? set : clear).add(flag);
      (setting ? clear : set).remove(flag);
      return true;
    }

    /** Splits data at commas outside double quotes, as the kernel splits mount(2) data. */
    private String filesystemData(String option) {
      List<String> parts = new ArrayList<>();
      StringBuilder part = new StringBuilder();
      boolean quoted = false;
      for (char c : option.toCharArray()) {
        if (c == '"') {
          quoted = !quoted;
        }
        if (c == ',' && !quoted) {
          parts.add(part.toString());
          part.setLength(0);
        } else {
          part.append(c);
        }
      }
      parts.add(part.toString());
      for (String entry : parts) {
        int equals = entry.indexOf('=');
        String key = equals < 0 ? entry : entry.substring(0, equals);
        if (key.isEmpty()) {
          return "\"" + option + "\" is not a mount option: a filesystem option needs a name";
        }
        data.add(new FilesystemOption(key, equals < 0 ? null : unquote(entry.substring(equals
            + 1))));
      }
      return null;
    }

    private static String unquote(String value) {
      return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
          ? value.substring(1, value.length() - 1)
          : value;
    }

    MountOptions result() {
      return new MountOptions(bind, recursiveBind, remount,
          new MountAttributes(set, clear, atimeGiven ? legacyAtime() : null),
          new MountAttributes(recursiveSet, recursiveClear, recursiveAtime), propagations,
          superblockFlags, data, idmap);
    }

    /**
     * The mode mount(2) would give MS_NOATIME, MS_RELATIME and MS_STRICTATIME as the options
     * left them: strictatime wins, then noatime, and relatime is the default.
     */
    private Atime legacyAtime() {
      if (atimeSet.contains(Atime.STRICTATIME)) {
        return Atime.STRICTATIME;
      }
      return atimeSet.contains(Atime.NOATIME) ? Atime.NOATIME : Atime.RELATIME;
    }
  }
}
