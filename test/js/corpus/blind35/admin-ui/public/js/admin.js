/*
 * Legacy admin console.
 * jQuery 3.3.1 and Handlebars 4.0 are loaded from /vendor (pinned by the datatables plugin).
 */
/* global $, Handlebars */
(function () {
  'use strict';

  var API = '/admin/api';
  var params = new URLSearchParams(window.location.search);

  // Saved views are shared as links: /admin?view={"pageSize":50,"columns":{"notes":true}}
  var defaults = { pageSize: 25, status: 'active', columns: { name: true, email: true, role: true, notes: false }, theme: 'light' };
  var viewParam = params.get('view');
  var settings = $.extend(true, {}, defaults, viewParam ? JSON.parse(viewParam) : {}); //@vuln CWE-1321

  Handlebars.registerHelper('userLink', function (user) {
    return new Handlebars.SafeString('<a href="#/users/' + user.id + '" class="user-link">' + user.name + '</a>'); //@vuln CWE-79
  });

  Handlebars.registerHelper('roleBadge', function (role) {
    var safe = Handlebars.escapeExpression(role);
    return new Handlebars.SafeString('<span class="badge badge-' + safe + '">' + safe + '</span>'); //@safe
  });

  var detailTpl = Handlebars.compile(
    '<h3>{{userLink user}}</h3>' +
    '<p>{{roleBadge user.role}} {{user.email}}</p>' +
    '<div class="bio">{{{user.bio}}}</div>' +
    '<p class="muted">Last seen {{user.lastSeen}}</p>'
  );
  var auditTpl = Handlebars.compile('<li><strong>{{actor}}</strong> {{action}} <em>{{target}}</em> <time>{{at}}</time></li>');

  function notify(kind, text) {
    $('#flash').removeClass().addClass('alert alert-' + kind).text(text).show();
  }

  function loadUsers(query) {
    return $.getJSON(API + '/users', { status: settings.status, q: query, limit: settings.pageSize })
      .done(function (users) {
        var $list = $('#results').empty();
        $.each(users, function (_, u) {
          $list.append('<li class="hit" data-id="' + u.id + '"><a href="#">' + u.name + '</a> <small>' + u.email + '</small></li>'); //@vuln CWE-79
        });
        $('#result-count').text(users.length + ' users');
      })
      .fail(function () { notify('danger', 'Could not load users'); });
  }

  function showUser(id) {
    $.getJSON(API + '/users/' + encodeURIComponent(id)).done(function (user) {
      $('#user-detail').html(detailTpl({ user: user })); //@vuln CWE-79
      $('#crumb-user').text(user.name); //@safe
      $.getJSON(API + '/users/' + encodeURIComponent(id) + '/audit').done(function (entries) {
        var $audit = $('#audit-list').empty();
        entries.forEach(function (e) {
          $audit.append(auditTpl(e)); //@safe
        });
      });
    });
  }

  $('#search-form').on('submit', function (e) {
    e.preventDefault();
    var q = $.trim($('#q').val());
    $('#search-summary').html('Showing results for <b>' + q + '</b>'); //@vuln CWE-79
    loadUsers(q);
  });

  $('#results').on('click', '.hit', function (e) {
    e.preventDefault();
    showUser($(this).data('id'));
  });

  $('#settings-form').on('submit', function (e) {
    e.preventDefault();
    var payload = { pageSize: Number($('#page-size').val()) || 25, theme: $('#theme').val() };
    $.ajax({ url: API + '/settings', method: 'PUT', contentType: 'application/json', data: JSON.stringify(payload) })
      .done(function () {
        var returnTo = params.get('returnTo') || '/admin';
        window.location.href = returnTo; //@vuln CWE-601
      })
      .fail(function (xhr) { notify('danger', 'Save failed (' + xhr.status + ')'); });
  });

  $(function () {
    $('body').addClass('theme-' + settings.theme);
    if (params.get('flash')) {
      $('#flash').html(params.get('flash')).show(); //@vuln CWE-79
    }
    if (params.get('q')) {
      $('#q').val(params.get('q'));
      $('#search-form').trigger('submit');
    } else {
      loadUsers('');
    }
  });
})();
