package io.capsa.sys;

/**
 * What fstatfs says about the filesystem an fd is on: its {@code type} (a *_MAGIC value, e.g.
 * PROC_SUPER_MAGIC to verify that a procfs is real) and its mount {@code flags} (ST_RDONLY,
 * ST_NOSUID, ..., the bits a bind remount must keep).
 */
public record StatFs(long type, long flags) {}
