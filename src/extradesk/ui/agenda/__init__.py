"""The Agenda tab: day, week, month and planning views, the appointment form, phone sync."""
