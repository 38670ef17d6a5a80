package io.capsa.sys;

/** The kernel's {@code struct utsname}: which kernel runs this host, on which machine. */
public record Uname(
    String sysname, String nodename, String release, String version, String machine) {}
