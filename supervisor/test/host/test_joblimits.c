/* What the Job object is told for a given config (joblimits.c), checked natively:
 * Wine accepts the memory limit without enforcing it and rejects CPU rate control,
 * so these values are proven here rather than by running. */
#include <stdio.h>
#include <string.h>
#include "joblimits.h"

static unsigned passed, failed;

#define EXPECT(cond, what) do { if (cond) passed++; else { failed++; printf("FAIL: %s (%s:%d)\n", what, __FILE__, __LINE__); } } while (0)

static struct config base(void)
{
    struct config c;
    memset(&c, 0, sizeof c);
    c.priority = PRIORITY_NORMAL;
    return c;
}

int main(void)
{
    struct job_limits l;
    bool dropped;

    struct config c = base();
    job_limits_from_config(&c, 0xF, &l, &dropped);
    EXPECT(l.limit_flags == (JL_LIMIT_KILL_ON_JOB_CLOSE | JL_LIMIT_DIE_ON_UNHANDLED_EXCEPTION | JL_LIMIT_PRIORITY_CLASS),
           "no limits configured: only kill-on-close, die-on-unhandled-exception and the normal priority class");
    EXPECT(l.priority_class == JL_NORMAL_PRIORITY_CLASS, "normal priority");
    EXPECT(!l.cpu_rate_enabled && !dropped, "no CPU rate, nothing dropped");

    c = base();
    c.limit_memory_bytes = 512ull << 20;
    job_limits_from_config(&c, 0xF, &l, &dropped);
    EXPECT((l.limit_flags & JL_LIMIT_JOB_MEMORY) && l.job_memory_limit == (512ull << 20),
           "limit_memory_bytes sets JOB_OBJECT_LIMIT_JOB_MEMORY with the exact byte count");

    c = base();
    c.limit_cpu_percent = 25;
    job_limits_from_config(&c, 0xF, &l, &dropped);
    EXPECT(l.cpu_rate_enabled && l.cpu_rate == 2500
           && l.cpu_control_flags == (JL_CPU_RATE_CONTROL_ENABLE | JL_CPU_RATE_CONTROL_HARD_CAP),
           "limit_cpu_percent 25 is a hard cap with CpuRate 2500 (1/100 of a percent)");

    c.limit_cpu_percent = 100;
    job_limits_from_config(&c, 0xF, &l, &dropped);
    EXPECT(l.cpu_rate == 10000, "limit_cpu_percent 100 is CpuRate 10000");

    static const struct { enum priority_class p; uint32_t v; } prio[] = {
        { PRIORITY_IDLE, JL_IDLE_PRIORITY_CLASS }, { PRIORITY_BELOW_NORMAL, JL_BELOW_NORMAL_PRIORITY_CLASS },
        { PRIORITY_NORMAL, JL_NORMAL_PRIORITY_CLASS }, { PRIORITY_ABOVE_NORMAL, JL_ABOVE_NORMAL_PRIORITY_CLASS },
        { PRIORITY_HIGH, JL_HIGH_PRIORITY_CLASS },
    };
    for (size_t i = 0; i < sizeof prio / sizeof prio[0]; i++) {
        c = base();
        c.priority = prio[i].p;
        job_limits_from_config(&c, 0xF, &l, &dropped);
        EXPECT(l.priority_class == prio[i].v && (l.limit_flags & JL_LIMIT_PRIORITY_CLASS),
               "each priority maps to its Win32 priority class");
    }

    c = base();
    c.affinity_mask = 0x3;
    job_limits_from_config(&c, 0xF, &l, &dropped);
    EXPECT((l.limit_flags & JL_LIMIT_AFFINITY) && l.affinity == 0x3 && !dropped, "affinity inside the machine's mask is set as is");

    c.affinity_mask = 0x30;
    job_limits_from_config(&c, 0x1F, &l, &dropped);
    EXPECT(l.affinity == 0x10, "affinity is clipped to the machine's processors");

    c.affinity_mask = 0x300;
    job_limits_from_config(&c, 0xF, &l, &dropped);
    EXPECT(!(l.limit_flags & JL_LIMIT_AFFINITY) && dropped, "affinity naming no existing processor is dropped and reported");

    printf("joblimits-tests: %u passed, %u failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
