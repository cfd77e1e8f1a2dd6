/* Config -> Job object limits (portable). */
#include <string.h>
#include "joblimits.h"

void job_limits_from_config(const struct config *c, uint64_t system_affinity,
                            struct job_limits *out, bool *affinity_dropped)
{
    memset(out, 0, sizeof *out);
    *affinity_dropped = false;
    out->limit_flags = JL_LIMIT_KILL_ON_JOB_CLOSE | JL_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
                     | JL_LIMIT_PRIORITY_CLASS;
    switch (c->priority) {
    case PRIORITY_IDLE:         out->priority_class = JL_IDLE_PRIORITY_CLASS; break;
    case PRIORITY_BELOW_NORMAL: out->priority_class = JL_BELOW_NORMAL_PRIORITY_CLASS; break;
    case PRIORITY_ABOVE_NORMAL: out->priority_class = JL_ABOVE_NORMAL_PRIORITY_CLASS; break;
    case PRIORITY_HIGH:         out->priority_class = JL_HIGH_PRIORITY_CLASS; break;
    case PRIORITY_NORMAL:
    default:                    out->priority_class = JL_NORMAL_PRIORITY_CLASS; break;
    }
    if (c->limit_memory_bytes > 0) {
        out->limit_flags |= JL_LIMIT_JOB_MEMORY;
        out->job_memory_limit = c->limit_memory_bytes;
    }
    if (c->affinity_mask != 0) {
        uint64_t mask = c->affinity_mask & system_affinity;
        if (mask == 0) {
            *affinity_dropped = true;
        } else {
            out->limit_flags |= JL_LIMIT_AFFINITY;
            out->affinity = mask;
        }
    }
    if (c->limit_cpu_percent > 0) {
        uint32_t pct = c->limit_cpu_percent > 100 ? 100 : c->limit_cpu_percent;
        out->cpu_rate_enabled = true;
        out->cpu_control_flags = JL_CPU_RATE_CONTROL_ENABLE | JL_CPU_RATE_CONTROL_HARD_CAP;
        out->cpu_rate = pct * 100;
    }
}
