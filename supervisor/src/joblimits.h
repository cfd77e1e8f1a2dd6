/* What the Job object is told, computed from the config. Portable (no Win32 types) so
 * native unit tests can check exactly what is passed to SetInformationJobObject; the
 * constants equal the Win32 ones (process.c asserts that at compile time). */
#ifndef SVCFORGE_JOBLIMITS_H
#define SVCFORGE_JOBLIMITS_H

#include <stdbool.h>
#include <stdint.h>
#include "config.h"

#define JL_LIMIT_AFFINITY                     0x00000010u
#define JL_LIMIT_PRIORITY_CLASS               0x00000020u
#define JL_LIMIT_JOB_MEMORY                   0x00000200u
#define JL_LIMIT_DIE_ON_UNHANDLED_EXCEPTION   0x00000400u
#define JL_LIMIT_KILL_ON_JOB_CLOSE            0x00002000u

#define JL_IDLE_PRIORITY_CLASS                0x00000040u
#define JL_BELOW_NORMAL_PRIORITY_CLASS        0x00004000u
#define JL_NORMAL_PRIORITY_CLASS              0x00000020u
#define JL_ABOVE_NORMAL_PRIORITY_CLASS        0x00008000u
#define JL_HIGH_PRIORITY_CLASS                0x00000080u

#define JL_CPU_RATE_CONTROL_ENABLE            0x00000001u
#define JL_CPU_RATE_CONTROL_HARD_CAP          0x00000004u

struct job_limits {
    uint32_t limit_flags;        /* BasicLimitInformation.LimitFlags */
    uint64_t job_memory_limit;   /* JobMemoryLimit (bytes), when JL_LIMIT_JOB_MEMORY */
    uint32_t priority_class;     /* PriorityClass, also the CreateProcess flag */
    uint64_t affinity;           /* Affinity, when JL_LIMIT_AFFINITY */
    bool cpu_rate_enabled;
    uint32_t cpu_control_flags;  /* JOBOBJECT_CPU_RATE_CONTROL_INFORMATION.ControlFlags */
    uint32_t cpu_rate;           /* CpuRate: percent * 100 (1..10000) */
};

/* system_affinity: the machine's processor mask; the configured mask is clipped to it
 * (a job affinity outside it is rejected by Windows). *affinity_dropped is set when
 * the clipped mask became empty, so no affinity limit is set at all. */
void job_limits_from_config(const struct config *config, uint64_t system_affinity,
                            struct job_limits *out, bool *affinity_dropped);

#endif
