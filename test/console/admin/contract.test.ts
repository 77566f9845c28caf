// The admin view's request and response shapes (agent-console/src/api/admin.ts) are written by hand so the
// browser bundle never pulls server code; these checks fail the type-check (`tsc -p .`) when they drift.
import { describe, expectTypeOf, it } from 'vitest';
import type * as Admin from '../../../agent-console/src/api/admin.js';
import type * as Directory from '../../../server/directory/directory.service.js';
import type { WorkingHours } from '../../../server/sla/calendar.js';
import type { ClockSpec, ClockUnit } from '../../../server/sla/deadlines.js';
import type { DeadlinePolicy, DeadlineRule } from '../../../server/sla/policy.js';
import type { CalendarDay } from '../../../server/sla/sla.service.js';

describe('admin DTOs match the server', () => {
  it('deadline policy, both ways', () => {
    expectTypeOf<Admin.ClockUnit>().toEqualTypeOf<ClockUnit>();
    expectTypeOf<Admin.ClockSpec>().toEqualTypeOf<ClockSpec>();
    expectTypeOf<Admin.DeadlineRule>().toExtend<DeadlineRule>();
    expectTypeOf<DeadlineRule>().toExtend<Admin.DeadlineRule>();
    expectTypeOf<Admin.DeadlinePolicy>().toExtend<DeadlinePolicy>();
    expectTypeOf<DeadlinePolicy>().toExtend<Admin.DeadlinePolicy>();
  });

  it('calendar', () => {
    expectTypeOf<Admin.WorkingHours>().toExtend<WorkingHours>();
    expectTypeOf<CalendarDay>().toExtend<Admin.CalendarDay>();
  });

  it('directory inputs the console sends are ones the service takes', () => {
    expectTypeOf<Admin.DepartmentInput>().toExtend<Directory.DepartmentInput>();
    expectTypeOf<Admin.CategoryInput>().toExtend<Directory.CategoryInput>();
    expectTypeOf<Admin.UserInput>().toExtend<Directory.UserInput>();
    expectTypeOf<Admin.UserPatch>().toExtend<Directory.UserPatch>();
  });
});
