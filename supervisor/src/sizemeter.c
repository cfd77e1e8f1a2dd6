/* Growth of a file between looks (see sizemeter.h). */
#include "sizemeter.h"

void size_meter_rebase(struct size_meter *meter, uint64_t size_now)
{
    meter->last_size = size_now;
}

uint64_t size_meter_observe(struct size_meter *meter, uint64_t size_now)
{
    meter->counted += size_now >= meter->last_size ? size_now - meter->last_size : size_now;
    meter->last_size = size_now;
    return meter->counted;
}
