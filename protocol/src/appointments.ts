import { z } from 'zod';
import { IsoTime, Slug } from './common.js';
import { CheckInResult } from './ticket.js';

const Minutes = (max: number) => z.number().int().min(0).max(max);

/** A service's own slot length and capacity, where they differ from the hall's. */
export const ServiceAppointmentSettings = z
  .object({
    /** false: this service takes no appointments. */
    enabled: z.boolean().optional(),
    slotMinutes: z.number().int().min(5).max(240).optional(),
    capacity: z.number().int().min(0).max(200).optional(),
  })
  .strict();

/** The hall file's `appointments:` section (预约服务, DOMAIN rule 11). */
export const AppointmentSettings = z
  .object({
    /** Length of a slot; slots are laid from the start of each opening period. */
    slotMinutes: z.number().int().min(5).max(240).default(30),
    /** Bookings one slot of one service takes. */
    capacity: z.number().int().min(0).max(200).default(2),
    /** How many days ahead a resident may book (today counts as day 0). */
    bookDaysAhead: z.number().int().min(0).max(90).default(14),
    /** Check-in at the kiosk opens this long before the slot starts … */
    checkInEarlyMinutes: Minutes(240).default(30),
    /** … and closes this long after it starts; later the appointment is a no-show. */
    checkInLateMinutes: Minutes(240).default(15),
    services: z.record(Slug, ServiceAppointmentSettings).default({}),
  })
  .strict();
export type AppointmentSettings = z.infer<typeof AppointmentSettings>;

export const AppointmentKind = z.enum(['normal', 'after_hours']).meta({
  description:
    'normal: a slot inside opening hours; after_hours: 预约延时服务, outside opening hours with a named clerk',
});
export type AppointmentKind = z.infer<typeof AppointmentKind>;

export const AppointmentStatus = z.enum(['booked', 'cancelled', 'no_show', 'checked_in']).meta({
  description:
    'booked: waiting for its slot; cancelled; no_show: the check-in window passed without a check-in; ' +
    'checked_in: used at the kiosk',
});
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

/** A code as residents type it: letters and digits, spaces and dashes ignored, any case. */
export const AppointmentCode = z
  .string()
  .min(4)
  .max(32)
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{4,16}$/, 'letters and digits'));

const Phone = z
  .string()
  .regex(/^1\d{10}$/, 'a mainland mobile number of 11 digits')
  .meta({ description: 'for the reminder and check-in by phone; never public' });

export const BookAppointmentBody = z
  .object({
    serviceId: Slug,
    slotStart: IsoTime.meta({
      description: 'the start of a slot, as listed by GET …/appointments',
    }),
    kind: AppointmentKind.default('normal'),
    clerkId: Slug.optional().meta({
      description: 'after_hours only, and required there: the clerk who will serve',
    }),
    phone: Phone.optional(),
    /** The resident agreed to SMS about this appointment (the reminder); the purpose was stated. */
    notifyConsent: z.boolean().default(false),
    name: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .meta({ description: "the resident's name, for the clerk only; never public" }),
  })
  .strict()
  .meta({ id: 'BookAppointmentBody' });
export type BookAppointmentBody = z.input<typeof BookAppointmentBody>;

export const RescheduleAppointmentBody = z
  .object({
    slotStart: IsoTime,
    serviceId: Slug.optional().meta({ description: 'another service; default: the same' }),
  })
  .strict()
  .meta({ id: 'RescheduleAppointmentBody' });

export const SlotClosureBody = z
  .object({
    date: z.iso.date(),
    serviceId: Slug.optional().meta({ description: 'one service; default: every service' }),
    slotStart: IsoTime.optional().meta({ description: 'one slot; default: the whole day' }),
    closed: z.boolean(),
  })
  .strict()
  .meta({ id: 'SlotClosureBody' });
export type SlotClosureBody = z.infer<typeof SlotClosureBody>;

export const AppointmentDayQuery = z.object({
  date: z.iso.date().meta({ description: 'the business day, YYYY-MM-DD' }),
  serviceId: Slug.optional(),
});

export const Appointment = z
  .object({
    code: z.string().meta({
      description: 'what the resident types at the kiosk: 8 characters without look-alikes',
    }),
    id: z.string().meta({ description: 'the reference events carry (never the code)' }),
    serviceId: Slug,
    serviceName: z.string(),
    kind: AppointmentKind,
    clerkId: Slug.optional(),
    slotStart: IsoTime,
    slotEnd: IsoTime,
    checkInFrom: IsoTime,
    checkInUntil: IsoTime,
    status: AppointmentStatus,
    createdAt: IsoTime,
    bookedBy: z.string().meta({ description: 'staff id, or device:<id> for a booking site' }),
    phone: z
      .string()
      .optional()
      .meta({ description: 'in full for staff, masked (138****5678) for a booking device' }),
    notifyConsent: z.boolean(),
    name: z.string().optional().meta({ description: 'in full for staff, masked for a device' }),
    rescheduledFrom: IsoTime.optional(),
    checkIn: CheckInResult.optional().meta({ description: 'checked in: on time or late' }),
    checkedInAt: IsoTime.optional(),
    ticketId: z
      .string()
      .optional()
      .meta({ description: 'checked in: the ticket it became (staff only)' }),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentSlot = z
  .object({
    start: IsoTime,
    end: IsoTime,
    capacity: z.number().int(),
    booked: z.number().int(),
    left: z.number().int(),
    closed: z.boolean().meta({ description: 'closed by a supervisor' }),
    past: z.boolean().meta({ description: 'already started: no longer bookable' }),
  })
  .meta({ id: 'AppointmentSlot' });
export type AppointmentSlot = z.infer<typeof AppointmentSlot>;

export const AppointmentDay = z
  .object({
    date: z.string(),
    closed: z.boolean().meta({ description: 'the whole day is closed for appointments' }),
    services: z.array(
      z.object({
        serviceId: Slug,
        name: z.string(),
        closed: z.boolean(),
        slots: z.array(AppointmentSlot),
      }),
    ),
    appointments: z.array(Appointment),
  })
  .meta({ id: 'AppointmentDay' });
export type AppointmentDay = z.infer<typeof AppointmentDay>;

/** A notification contact left with a ticket (the kiosk's phone field with its consent tick). */
export const TicketContactBody = z
  .object({
    phone: Phone,
    consent: z.boolean().meta({
      description:
        'the resident ticked "notify me by SMS" (turn near, called, done, 回访); false stores no number',
    }),
  })
  .strict()
  .meta({ id: 'TicketContactBody' });
export type TicketContactBody = z.infer<typeof TicketContactBody>;

export const TicketContact = z
  .object({
    ticketId: z.string(),
    consent: z.boolean(),
    phone: z.string().optional().meta({ description: 'masked' }),
  })
  .meta({ id: 'TicketContact' });
