"""CareThread core: domain rules, services, data access and settings shared by every Lambda."""
