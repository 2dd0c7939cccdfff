from django.core.exceptions import ValidationError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, at the field when it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def year_context(bloc_year, access, **extra) -> dict:
    return {"bloc_year": bloc_year, "bloc": bloc_year.bloc, "access": access, **extra}


def refuse(request, bloc_year, message: str, *, back: str, status: int = 400):
    """A refused action that is not a form: a 4xx page saying why, with the way back."""
    from django.shortcuts import render

    context = {"bloc_year": bloc_year, "bloc": bloc_year.bloc, "message": message, "back": back}
    return render(request, "pledges/refused.html", context, status=status)
